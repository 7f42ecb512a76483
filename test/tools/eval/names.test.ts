import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreEntities, type NamesReport } from '../../../tools/eval/names.ts';
import { tempDir } from '../../helpers/temp.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const VALID = path.resolve(ROOT, '../shared/eval/names/nergrit-valid.jsonl');

function runEval(args: string[]): NamesReport {
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/eval/names.ts'), ...args], { encoding: 'utf8', cwd: ROOT })) as NamesReport;
}

describe('scoreEntities', () => {
  it('scores exact spans typed and untyped, overall and per type', () => {
    const gold = [[{ start: 0, end: 5, type: 'PERSON' as const }, { start: 10, end: 17, type: 'PLACE' as const }], [{ start: 3, end: 6, type: 'ORGANISATION' as const }]];
    const predicted = [[{ start: 0, end: 5, type: 'PERSON' as const }, { start: 10, end: 17, type: 'ORGANISATION' as const }], [{ start: 3, end: 7, type: 'ORGANISATION' as const }]];
    const scores = scoreEntities(gold, predicted);
    expect(scores.typed).toMatchObject({ correct: 1, predicted: 3, gold: 3, precision: 0.3333, recall: 0.3333, f1: 0.3333 });
    expect(scores.untyped).toMatchObject({ correct: 2, predicted: 3, gold: 3, precision: 0.6667, recall: 0.6667 });
    expect(scores.typed.perType['PERSON']).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scores.typed.perType['PLACE']).toMatchObject({ recall: 0, predicted: 0 });
    expect(scores.untyped.perType['PLACE']).toMatchObject({ recall: 1, gold: 1 });
  });
});

describe('npm run eval:names', () => {
  it('prints scores for the tagger and the baseline and writes predictions', () => {
    const dir = tempDir('warta-eval-names-');
    const file = path.join(dir, 'names.jsonl');
    const text = 'Menurut Suminto, banjir melanda Kota Semarang.';
    const records = [
      { id: 'a', text, entities: [{ start: 8, end: 15, type: 'PERSON' }, { start: 32, end: 45, type: 'PLACE' }] },
      { id: 'b', text: 'Harga beras naik.', entities: [] },
    ];
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const predictions = path.join(dir, 'out.jsonl');
    const report = runEval([file, '--predictions', predictions]);
    expect(report.sentences).toBe(2);
    expect(report.warta.typed.gold).toBe(2);
    expect(report.baseline.untyped).toMatchObject({ gold: 2, correct: 1 });
    const lines = readFileSync(predictions, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; entities: unknown[] });
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(report.warta.typed.predicted).toBe(lines.reduce((n, l) => n + l.entities.length, 0));
  });

  it('rejects a record without a text, with the line', () => {
    const dir = tempDir('warta-eval-names-');
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"a","entities":[]}\n');
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/eval/names.ts'), file], { encoding: 'utf8', cwd: ROOT, stdio: 'pipe' })).toThrow(/bad\.jsonl:1: expected/);
  });
});

describe.skipIf(!existsSync(VALID))('eval:names on NERGrit validation', () => {
  it('beats the baseline, typed and untyped', () => {
    const report = runEval([VALID]);
    expect(report.sentences).toBe(209);
    expect(report.warta.untyped.f1).toBeGreaterThan(report.baseline.untyped.f1);
    expect(report.warta.typed.f1).toBeGreaterThan(report.baseline.untyped.f1);
    for (const type of ['PERSON', 'ORGANISATION', 'PLACE']) expect(report.warta.typed.perType[type]!.gold).toBeGreaterThan(0);
  });
});

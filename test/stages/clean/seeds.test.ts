/**
 * The real scraped seeds in ../shared (when present). Skips cleanly for a checkout without it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText, nearKey, normalizeLine } from '../../../src/stages/clean/clean-text.ts';

const SEEDS = fileURLToPath(new URL('../../../../shared/corpus/seeds', import.meta.url));

/** Boilerplate as a reader would spot it; written independently of the rules. */
const BOILERPLATE: RegExp[] = [
  /^advertisement$/i,
  /scroll to continue/i,
  /^hide ads$/i,
  /^baca juga\b/i,
  /^baca halaman selanjutnya/i,
  /^lihat juga\b/i,
  /^simak juga video/i,
  /^tulis komentar/i,
  /^halaman \d+ dari \d+$/i,
  /^selengkapnya$/i,
  /^\([a-z]+(?:\/[a-z]+)*\)$/,
  /\([a-z]{2,5}(?:\/[a-z]{2,5})*\)$/,
  /^editor\s*:/i,
  /^foto\s*:/i,
  /purchase licensing rights/i,
  / - detik\w*$/i,
  /^\p{L}+, \d{1,2} \p{L}+ \d{4}\b.*\d{1,2}[:.]\d{2}\s*WI(?:B|TA|T)$/u,
  /^jakarta -$/i,
  /^liputan6\.com, /i,
  /^kontan\.co\.id\b/i,
  /^MOSKOW -/,
  /, Moskow\.$/,
  /persembahan detikcom/i,
  /^Hoegeng Awards/i,
  /kisah inspiratif .* di sini$/i,
];

const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort() : [];
const load = (name: string) => readFileSync(join(SEEDS, name), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
const seed = (prefix: string) => {
  const name = seeds.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return cleanText(load(name), { keepBoilerplate: false });
};

describe.skipIf(!existsSync(SEEDS))('clean on the real seeds (../shared)', () => {
  it('finds the five seeds', () => {
    expect(seeds).toHaveLength(5);
  });

  for (const name of seeds) {
    it(`${name}: no boilerplate survives, blocks are unique`, () => {
      const r = cleanText(load(name), { keepBoilerplate: false });
      expect(r.blocks.length).toBeGreaterThan(5);
      for (const block of r.blocks) {
        for (const re of BOILERPLATE) expect(re.test(block.text), `${re} in: ${block.text.slice(0, 80)}`).toBe(false);
      }
      const keys = r.blocks.map((b) => nearKey(b.text));
      expect(new Set(keys).size).toBe(keys.length);
      // Removed lines are real lines of the input (cut parts of a line are in normalised form).
      const lines = load(name).split('\n');
      for (const x of r.removed) expect(normalizeLine(lines[x.line - 1]!)).toContain(normalizeLine(x.text));
    });
  }

  it('every seed that opens with a headline has a title; the one opening with a dateline paragraph has none', () => {
    for (const prefix of ['000', '002', '003', '004']) {
      const r = seed(prefix);
      expect(r.metadata.title, prefix).toBeTruthy();
      expect(r.blocks[0]).toMatchObject({ kind: 'title', text: r.metadata.title, line: 1 });
    }
    // 001 was scraped without its headline: its first line is the lead paragraph.
    const r = seed('001');
    expect(r.metadata.title).toBeNull();
    expect(r.blocks[0]!.kind).toBe('paragraph');
    expect(r.blocks[0]!.text.startsWith('Delegasi dari Biro Intelijen')).toBe(true);
  });

  it('000: the repeated title is dropped, header lines become metadata', () => {
    const r = seed('000');
    expect(r.blocks.filter((b) => b.text === r.metadata.title)).toHaveLength(1);
    expect(r.removed.find((x) => x.rule === 'repeated-title')?.line).toBe(3);
    expect(r.metadata).toMatchObject({ author: 'Rita Uli Hutapea', outlet: 'detikNews', published: '2024-03-28T21:37:00+07:00', dateline: 'Jakarta' });
    expect(r.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Sama-sama Terkena Sanksi Global', 'Kerja Sama Teknologi Keamanan']);
  });

  it('001: dateline prefix goes to metadata', () => {
    expect(seed('001').metadata).toMatchObject({ outlet: 'Liputan6.com', dateline: 'Pyongyang' });
  });

  it('002: the lead repeated without its full stop is dropped', () => {
    const r = seed('002');
    const leads = r.blocks.filter((b) => b.text.startsWith('Pemimpin Agen Rahasia Moskow dikabarkan'));
    expect(leads).toHaveLength(1);
    expect(leads[0]!.text.endsWith('.')).toBe(true);
    expect(r.removed.filter((x) => x.rule === 'near-duplicate-paragraph')).toHaveLength(1);
    expect(r.metadata).toMatchObject({ outlet: 'GalaPos ID', dateline: 'Moskow' });
  });

  it('003: the body pasted twice appears once', () => {
    const r = seed('003');
    const dups = r.removed.filter((x) => x.rule === 'duplicate-paragraph');
    expect(dups.length).toBeGreaterThanOrEqual(10);
    const paragraphs = r.blocks.filter((b) => b.kind === 'paragraph');
    expect(paragraphs.length).toBe(13);
    expect(r.metadata).toMatchObject({ published: '2024-09-14T15:34:00+07:00', dateline: 'MOSKOW' });
  });

  it('004: dateline, Baca Juga lines and editor credit', () => {
    const r = seed('004');
    expect(r.metadata).toMatchObject({ outlet: 'KONTAN.CO.ID', dateline: 'SEOUL' });
    expect(r.removed.map((x) => x.rule).sort()).toEqual(['dateline', 'editor-credit', 'read-also', 'read-also']);
  });
});

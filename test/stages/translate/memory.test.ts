import { describe, expect, it } from 'vitest';
import { createFsDriver } from '../../../src/cache/fs-driver.ts';
import { createTranslationMemory } from '../../../src/stages/translate/memory.ts';
import { normalizeForTranslation } from '../../../src/stages/translate/normalize.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('translation memory', () => {
  it('answers a stored sentence across instances, and only for the same model, engine, stage version and decoding', async () => {
    const root = tempDir();
    const scope = { model: 'm1', engine: { id: 'e', version: '1' }, stage: '3', decoding: { beams: 1, max_length: 256 } };
    const entry = { translation: 'I eat rice.', score: -0.25, truncated: false, split: false };
    await createTranslationMemory(createFsDriver(root, 'memory')).store('Saya makan nasi.', entry, scope);
    const reopened = createTranslationMemory(createFsDriver(root, 'memory'));
    expect(await reopened.lookup('Saya makan nasi.', scope)).toEqual(entry);
    expect(await reopened.lookup('Saya makan nasi.', { ...scope, model: 'm2' })).toBeUndefined();
    expect(await reopened.lookup('Saya makan nasi.', { ...scope, decoding: { beams: 4, max_length: 256 } })).toBeUndefined();
    expect(await reopened.lookup('Saya makan nasi.', { ...scope, engine: { id: 'e', version: '2' } })).toBeUndefined();
    expect(await reopened.lookup('Saya makan nasi.', { ...scope, engine: { id: 'other', version: '1' } })).toBeUndefined();
    expect(await reopened.lookup('Saya makan nasi.', { ...scope, stage: '4' })).toBeUndefined();
    expect(await reopened.lookup('Saya makan roti.', scope)).toBeUndefined();
  });
});

describe('normalizeForTranslation', () => {
  it('maps typographic quotes, dashes and spaces to what the tokenizer knows', () => {
    expect(normalizeForTranslation('“Kami siap,” katanya — tegas…')).toBe('"Kami siap," katanya - tegas...');
    expect(normalizeForTranslation('  Rp\u00a01.000\u200b  ')).toBe('Rp 1.000');
    expect(normalizeForTranslation('ﬁnal ２０２４')).toBe('final 2024');
  });
});

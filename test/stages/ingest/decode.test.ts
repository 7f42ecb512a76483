import { describe, expect, it } from 'vitest';
import { decodeArticleBytes, firstInvalidUtf8Offset, normalizeArticleText } from '../../../src/stages/ingest/decode.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeArticleBytes', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    const result = decodeArticleBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Halo dunia')]), 'a.txt');
    expect(result).toEqual({ text: 'Halo dunia', encoding: 'utf-8', bom: true });
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Berita ñ', 'utf16le')]);
    expect(decodeArticleBytes(le, 'a.txt')).toEqual({ text: 'Berita ñ', encoding: 'utf-16le', bom: true });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeArticleBytes(be, 'a.txt')).toEqual({ text: 'Berita ñ', encoding: 'utf-16be', bom: true });
  });

  it('names the file and the byte offset of invalid UTF-8', () => {
    const bytes = Uint8Array.from([...utf8('Harga naik '), 0xe9, ...utf8(' lagi')]);
    expect(() => decodeArticleBytes(bytes, 'berita/a.txt')).toThrow('berita/a.txt is not valid UTF-8: bad byte 0xe9 at byte offset 11.');
  });

  it('refuses empty files, binary files and BOM-less UTF-16', () => {
    expect(() => decodeArticleBytes(new Uint8Array(), 'e.txt')).toThrow(/e\.txt is empty/);
    expect(() => decodeArticleBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'img.txt')).toThrow(
      /img\.txt looks binary/,
    );
    expect(() => decodeArticleBytes(Buffer.from('Berita hari ini', 'utf16le'), 'u.txt')).toThrow(/UTF-16 without a byte-order mark/);
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['valid multi-byte text', utf8('abc é 😀 中'), -1],
    ['a lone continuation byte', Uint8Array.from([0x61, 0x80]), 1],
    ['a truncated sequence at the end', Uint8Array.from([0x61, 0xc3]), 1],
    ['an overlong encoding', Uint8Array.from([0xe0, 0x80, 0x80]), 0],
    ['an encoded surrogate', Uint8Array.from([0xed, 0xa0, 0x80]), 0],
  ])('%s', (_, bytes, expected) => {
    expect(firstInvalidUtf8Offset(bytes)).toBe(expected);
  });
});

describe('normalizeArticleText', () => {
  it('normalises line endings and composes to NFC', () => {
    expect(normalizeArticleText('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(normalizeArticleText('Kafe\u0301')).toBe('Kafé');
  });
});

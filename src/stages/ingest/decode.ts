import { WartaError } from '../../errors.ts';
import type { SourceInfo } from '../../types.ts';

export interface DecodedText {
  text: string;
  encoding: SourceInfo['encoding'];
  bom: boolean;
}

/**
 * Decodes an article file: UTF-8 (BOM dropped), or UTF-16 with a BOM. Anything else is refused
 * with the reason and, for invalid UTF-8, the byte offset of the first bad sequence.
 */
export function decodeArticleBytes(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) {
    throw new WartaError('INPUT_EMPTY', `${file} is empty (0 bytes).`, { file, hint: 'Remove the file or give it some text.' });
  }
  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  else {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    rejectBinary(body, file);
    const invalidAt = firstInvalidUtf8Offset(body);
    if (invalidAt !== -1) {
      const offset = invalidAt + (bom ? 3 : 0);
      throw new WartaError('INPUT_DECODE', `${file} is not valid UTF-8: bad byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset}.`, {
        file,
        hint: 'Re-save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`).',
      });
    }
    decoded = { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', bom };
  }
  const nul = decoded.text.indexOf('\0');
  if (nul !== -1) {
    throw new WartaError('INPUT_BINARY', `${file} looks binary, not text (a NUL character at character ${nul}).`, {
      file,
      hint: 'Only .txt, .md and .html articles are read; move other files out of the input folder.',
    });
  }
  return decoded;
}

/** Unicode NFC, `\n` line endings, no stray control characters. */
export function normalizeArticleText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .normalize('NFC');
}

/** A character ingest removed, how often, and why: recorded in the article's `source.repairs`. */
export interface Repair {
  rule: 'c1-control' | 'bidi-control';
  /** The code point, as `U+202E`. */
  character: string;
  count: number;
}

/**
 * C1 control characters (never text; mis-decoded Windows-1252 at best) and the invisible
 * bidirectional controls, which reorder what a reader sees (`Harga \u202e000.1\u202c` shows as
 * "1.000") while the text says something else: removed, each kind counted.
 */
const REMOVED_CHARACTERS = /[\u0080-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function removeHiddenControls(text: string): { text: string; repairs: Repair[] } {
  const counts = new Map<string, number>();
  const cleaned = text.replace(REMOVED_CHARACTERS, (character) => {
    counts.set(character, (counts.get(character) ?? 0) + 1);
    return '';
  });
  const repairs = [...counts]
    .map(([character, count]): Repair => {
      const code = character.codePointAt(0)!;
      return { rule: code <= 0x9f ? 'c1-control' : 'bidi-control', character: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, count };
    })
    .sort((a, b) => a.character.localeCompare(b.character));
  return { text: cleaned, repairs };
}

/** A NUL anywhere makes the file binary; the first 8 KB tell UTF-16 without a BOM from other binaries. */
function rejectBinary(bytes: Uint8Array, file: string): void {
  const nul = bytes.indexOf(0);
  if (nul === -1) return;
  const sample = bytes.subarray(0, 8192);
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenNuls++ : oddNuls++);
  const half = sample.length / 2;
  if (oddNuls > half * 0.3 || evenNuls > half * 0.3) {
    throw new WartaError('INPUT_DECODE', `${file} looks like UTF-16 without a byte-order mark (NUL bytes in every other position).`, {
      file,
      hint: 'Re-save it as UTF-8, or as UTF-16 with a BOM.',
    });
  }
  throw new WartaError('INPUT_BINARY', `${file} looks binary, not text (NUL byte at offset ${nul}).`, {
    file,
    hint: 'Only .txt, .md and .html articles are read; move other files out of the input folder.',
  });
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) [needed, min] = [1, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [needed, min] = [2, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [needed, min] = [3, 0x10000];
    else return i;
    if (i + needed >= bytes.length) return i;
    let codePoint = lead & (0x3f >> needed);
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += needed + 1;
  }
  return -1;
}

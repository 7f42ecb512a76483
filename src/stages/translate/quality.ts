import type { QualityFlag } from '../../types.ts';
import { MONTH_NUMBERS } from '../../text/calendar.ts';
import { FUNCTION_WORDS } from '../../text/function-words.ts';

/**
 * Cheap, explainable checks of a translation against its source. They do not judge fluency; they
 * catch the failures an analyst must never miss: a changed number, a loop, a passed-through source.
 */
export function qualityFlags(source: string, translation: string, decoded: { truncated: boolean; split: boolean }): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (!numbersPreserved(source, translation)) flags.push('numbers');
  if (lengthRatioOff(source, translation)) flags.push('length-ratio');
  if (repeats(translation)) flags.push('repetition');
  if (passedThrough(source, translation)) flags.push('untranslated');
  if (decoded.truncated) flags.push('truncated');
  if (decoded.split) flags.push('split');
  return flags;
}


/**
 * Every number of the source must appear in the translation. Numbers are compared as values, so
 * Indonesian `1.000` and `2,5` match English `1,000` and `2.5`; a month name counts as its number,
 * so `28/3/2024` matches `March 28, 2024`.
 */
export function numbersPreserved(source: string, translation: string): boolean {
  const wanted = numberValues(source, 'id');
  if (wanted.length === 0) return true;
  const available = new Map<string, number>();
  for (const value of [...numberValues(translation, 'en'), ...monthNumbers(translation)]) available.set(value, (available.get(value) ?? 0) + 1);
  for (const value of wanted) {
    const count = available.get(value) ?? 0;
    if (count === 0) return false;
    available.set(value, count - 1);
  }
  return true;
}

/** Numbers as canonical strings. `id`: `.` groups thousands and `,` marks decimals; `en`: the reverse. */
export function numberValues(text: string, convention: 'id' | 'en'): string[] {
  const values: string[] = [];
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const token = match[0];
    // A time such as 14.30 or a date part such as 28/3 is a list of numbers, not one value.
    if (/^\d{1,2}[.:]\d{2}$/.test(token) && convention === 'id' && !/^\d{1,2}\.\d{3}$/.test(token)) {
      values.push(...token.split(/[.:]/).map(canonical));
      continue;
    }
    values.push(canonical(parseLocalised(token, convention)));
  }
  return values;
}

function parseLocalised(token: string, convention: 'id' | 'en'): string {
  const [group, decimal] = convention === 'id' ? ['.', ','] : [',', '.'];
  const parts = token.split(decimal);
  const integer = parts[0]!.split(group).join('');
  // A single "decimal" with three digits after it is really a thousands group written the other way.
  if (parts.length === 2 && /^\d{3}$/.test(parts[1]!) && !token.includes(group)) return integer + parts[1];
  return parts.length > 1 ? `${integer}.${parts.slice(1).join('')}` : integer;
}

function canonical(value: string): string {
  const [integer = '', fraction] = value.split('.');
  const trimmedInteger = integer.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction?.replace(/0+$/, '');
  return trimmedFraction ? `${trimmedInteger}.${trimmedFraction}` : trimmedInteger;
}

function monthNumbers(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).flatMap((word) => (MONTH_NUMBERS[word] !== undefined ? [String(MONTH_NUMBERS[word])] : []));
}

/** English runs about as long as Indonesian; outside half to double the length something is off. */
export function lengthRatioOff(source: string, translation: string): boolean {
  if (source.length < 20) return false;
  const ratio = translation.length / source.length;
  return ratio < 0.5 || ratio > 2;
}

/** A word repeated four times in a row, or a phrase of two to four words repeated three times in a row. */
export function repeats(translation: string): boolean {
  const words = translation.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let n = 1; n <= 4; n++) {
    const needed = n === 1 ? 4 : 3;
    for (let start = 0; start + n * needed <= words.length; start++) {
      let run = 1;
      while (run < needed && sameWords(words, start, start + run * n, n)) run++;
      if (run === needed) return true;
    }
  }
  return false;
}

function sameWords(words: string[], a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (words[a + i] !== words[b + i]) return false;
  return true;
}


/**
 * The source came back (nearly) unchanged, or the output is still full of Indonesian function
 * words. Short sentences and names are left alone: they are often the same in both languages.
 */
export function passedThrough(source: string, translation: string): boolean {
  const words = translation.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return false;
  if (normalise(source) === normalise(translation)) return true;
  const indonesian = words.filter((word) => FUNCTION_WORDS.has(word)).length;
  return indonesian / words.length >= 0.2;
}

const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

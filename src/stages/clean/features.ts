/**
 * What a line is, measured: length, share of function words and of link-like vocabulary,
 * sentence punctuation, capitalisation and digits. The rules and the zone decisions of the
 * `clean` stage are made from these, as jusText and trafilatura decide from features.
 */

import { isOutlet } from './metadata.ts';
import { isFunctionWord, isLinkWord, namesPlatform, trailerWordCount, wordsOf } from './vocabulary.ts';

export interface LineFeatures {
  words: number;
  chars: number;
  /** Share of the words that are function words: high in prose, low in furniture. */
  functionShare: number;
  /** Share of the words that are link or prompt vocabulary ("baca", "klik", "ikuti", …). */
  linkShare: number;
  linkWords: number;
  /** Ends like a sentence (full stop, question or exclamation mark, maybe inside quotes). */
  endsSentence: boolean;
  /** Share of the words that start with a capital letter or a digit. */
  capitalShare: number;
  /** Share of the characters that are digits. */
  digitShare: number;
  /** The first word is a link or prompt verb ("Baca", "Ikuti", "Dapatkan", "Berkomentarlah"). */
  promptStart: boolean;
  /** Addresses the reader: "Anda", "kamu", "-mu". */
  addressesReader: boolean;
  namesPlatform: boolean;
  /** A word of the line is an outlet's name or domain. */
  namesOutlet: boolean;
  trailerWords: number;
  /** "1. …", "2) …", "- …", "• …". */
  numbered: boolean;
}

const PROMPT_VERBS = new Set([
  'baca', 'simak', 'klik', 'tap', 'gabung', 'bergabung', 'bergabunglah', 'follow', 'ikuti', 'tonton', 'saksikan', 'lihat',
  'cek', 'kunjungi', 'download', 'unduh', 'install', 'daftar', 'daftarkan', 'login', 'masuk', 'berlangganan', 'langganan',
  'subscribe', 'bagikan', 'share', 'berkomentarlah', 'laporkan', 'dapatkan', 'nikmati', 'kirim', 'view', 'read', 'watch',
  'scroll', 'gulir', 'pilih', 'pastikan', 'yuk', 'ayo', 'mari',
]);

/** Longest prompt or promotion, in words. */
export const PROMPT_MAX_WORDS = 40;

const READER = new Set(['anda', 'kamu', 'kalian', 'you', 'your']);
/** Words that end in "mu" without being "your": "bertemu", "ilmu", "tamu". */
const NOT_YOUR = /(?:temu|ilmu|tamu|jamu|ramu|namu|kemu|umu)$/u;
/** "Anda", "kamu", or a word with the possessive "-mu" ("ponselmu", "terbaikmu"). */
const addressesTheReader = (w: string): boolean => READER.has(w) || (w.length > 4 && w.endsWith('mu') && !NOT_YOUR.test(w));

/** The line without a short bracketed tag at its end ("… kata dia. (Z-8)", "….(fat/jpnn)"). */
const withoutEndTag = (line: string): string => line.replace(/\s*[(\[][^()[\]]{1,40}[)\]]$/u, '');

export function lineFeatures(line: string): LineFeatures {
  const words = wordsOf(line);
  const count = words.length;
  const share = (n: number): number => (count === 0 ? 0 : n / count);
  const linkWords = words.filter(isLinkWord).length;
  const tokens = line.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const digits = (line.match(/\p{N}/gu) ?? []).length;
  return {
    words: count,
    chars: line.length,
    functionShare: share(words.filter(isFunctionWord).length),
    linkShare: share(linkWords),
    linkWords,
    endsSentence: /[.!?…]["”'’)\]]*$/u.test(withoutEndTag(line)),
    capitalShare: tokens.length === 0 ? 0 : tokens.filter((t) => /^["“'‘(]?[\p{Lu}\p{N}]/u.test(t)).length / tokens.length,
    digitShare: line.length === 0 ? 0 : digits / line.length,
    promptStart: /^(?:(?:[•·▪●►>]+|\*(?=\s))\s*)?\p{L}/u.test(line) && PROMPT_VERBS.has(words[0]!),
    addressesReader: words.some(addressesTheReader),
    namesPlatform: namesPlatform(line),
    // Only prompts and promotions ask; they are short.
    namesOutlet: count <= PROMPT_MAX_WORDS && tokens.some((t) => /\p{Lu}|\./u.test(t) && isOutlet(t.replace(/^[("'“‘[]+|[)"'”’\],.:;!?+]+$/gu, ''))),
    trailerWords: trailerWordCount(line),
    numbered: /^(?:\d{1,2}[.)]|[-•·*▪●]|[a-z][.)])\s+\S/u.test(line),
  };
}

/** Running text: a sentence, or a long line. */
export function isProse(f: LineFeatures): boolean {
  return (f.endsSentence && f.words >= 2) || f.words >= 16;
}

/**
 * Prompt or promo wording, weighed: a prompt verb first and something to act on (a platform, an
 * outlet, the reader, more link words), or a line made mostly of link vocabulary.
 */
export function promptEvidence(f: LineFeatures): boolean {
  if (f.words === 0) return false;
  const object = f.namesPlatform || f.namesOutlet || f.addressesReader || f.linkWords >= 2;
  if (f.promptStart && object && f.words <= PROMPT_MAX_WORDS) return true;
  return f.linkShare >= 0.5 && f.words <= 10 && !(f.endsSentence && f.functionShare >= 0.25);
}

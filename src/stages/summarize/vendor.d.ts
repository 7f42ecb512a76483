// Minimal types for two untyped dependencies (sastrawijs ships .d.ts files that its `exports`
// map does not expose under NodeNext resolution; stopword ships none).

declare module 'sastrawijs' {
  export class Stemmer {
    constructor(dictionary?: string[]);
    /** Lower-cases and stems one Indonesian word. */
    stem(word: string): string;
  }
  export class Tokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'stopword' {
  /** Indonesian stopwords. */
  export const ind: string[];
  /** English stopwords. */
  export const eng: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
}

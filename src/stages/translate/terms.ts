import { statSync } from 'node:fs';
import type { ResolvedConfig } from '../../config/schema.ts';
import { recognizeEntities } from '../../text/entities/index.ts';
import { GlossaryMatcher, loadGlossary, type AppliedTerm, type Glossary } from './glossary.ts';

/** The terms a normalised source sentence must keep in its translation: glossary entries, then protected names. */
export type TermFinder = (source: string) => AppliedTerm[];

const loaded = new Map<string, { stamp: string; glossary: Glossary }>();

/** The run's glossary, or null without one; read once per file version (the stage's options and its resources both ask). */
export function configuredGlossary(config: Pick<ResolvedConfig, 'translate'>): Glossary | null {
  const file = config.translate.glossary;
  if (file === undefined) return null;
  let stamp = '';
  try {
    const stat = statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // loadGlossary reports the missing file.
  }
  const known = loaded.get(file);
  if (known && stamp !== '' && known.stamp === stamp) return known.glossary;
  const glossary = loadGlossary(file);
  loaded.set(file, { stamp, glossary });
  return glossary;
}

export function termFinder(glossary: Glossary | null, protect: 'none' | 'names'): TermFinder {
  const matcher = new GlossaryMatcher(glossary?.entries ?? []);
  return (source) => {
    const terms: AppliedTerm[] = matcher.match(source).map(({ source, target }) => ({ source, target }));
    if (protect === 'names') for (const name of protectedNames(source)) if (!overlapsAny(name, terms)) terms.push({ source: name, target: name });
    return terms;
  };
}

/** Person and organisation names the tagger finds in the sentence, each once: their target form is the source form. */
function protectedNames(source: string): string[] {
  const names = recognizeEntities(source)
    .filter((span) => span.type === 'PERSON' || span.type === 'ORGANISATION')
    .map((span) => source.slice(span.start, span.end));
  return [...new Set(names)];
}

/** A name inside a glossary term, or holding one, is the glossary's to translate. */
function overlapsAny(name: string, terms: readonly AppliedTerm[]): boolean {
  const lower = name.toLowerCase();
  return terms.some((term) => {
    const other = term.source.toLowerCase();
    return other.includes(lower) || lower.includes(other);
  });
}

/**
 * What the gazetteers say for sure, applied over the tagger's spans:
 * - a name does not end in a lower-case dictionary word (`Nicke Widyawati hadir` → `Nicke
 *   Widyawati`; other lower-case words may end one, `Kim Jong - woon`), and a common lower-case
 *   word other than a name particle (`dan`, `of`, `bin`, `van`), a lower-case head word (`desa`,
 *   `kecamatan`), a word of one or two letters or one after a hyphen splits it in two (`Kim Jong Un
 *   menerima Sergei Naryshkin`);
 * - a legal form or a role word alone is no name (`Persero`, `Menteri`);
 * - a company's name starts at its legal form (`Utama PT Pertamina` → `PT Pertamina`);
 * - a capitalised run opened by an organisation head word is one organisation, `dan` included
 *   between capitalised words (`Kementerian Pendidikan dan Kebudayaan`), unless a person starts
 *   inside it or the tagger gave its head word another type (`Museum Sangiran` may be a place);
 *   where the tagger found a name at the head and no `dan` joins the run, the tagger's boundary
 *   stands, and a run of common words alone after the head is a kind of institution, no name; a
 *   `dan` before another head, a role or an acronym ends the run (`Partai Golkar dan PKS` are two),
 *   and where the tagger found an organisation after the head but none at it, that organisation
 *   stands (`Dewan Pembina Partai Demokrat`: the words before it name a body of it);
 * - the capitalised words before an acronym in brackets whose initials spell it, with only commas
 *   and joiners between them, are one name where the tagger found a name in them (`Badan
 *   Meteorologi, Klimatologi, dan Geofisika (BMKG)`; not `Pegawai Negeri Sipil (PNS)`);
 * - a listed acronym of an organisation the tagger left untagged is that organisation (`OJK`,
 *   `KCNA`);
 * - a person takes in the capitalised words right before it that are name-like (neither common,
 *   listed, acronyms, dictionary words, a sentence's first word, in another name, nor right after a
 *   place or organisation head): `Menurut Ri Chang Dae` where the tagger found `Chang Dae`;
 * - after a role phrase (its short form in brackets included: `Menteri Luar Negeri (Menlu) Korea
 *   Utara Choe Son Hui`), a capitalised run ends in the person the role is of (unless the tagger
 *   found a person that does not end the run, or a place or organisation starting in those words;
 *   a person it found ending the run takes them all in): its last words that are neither common
 *   words, nor listed, nor acronyms, nor bound to a place or organisation head before them (`Menteri Keamanan Negara Ri Chang Dae`: the role is
 *   `Menteri Keamanan Negara`, the person `Ri Chang Dae`). What the tagger typed inside those
 *   words goes; what it typed before them stays only where a gazetteer lists a place or an
 *   organisation (`Korea Utara` stays, `Keamanan Negara` goes).
 */
import { ORGANISATION_HEADS, PLACE_HEADS } from '../gazetteers.ts';
import { isSentenceInitial } from './features.ts';
import { gazetteerMarks } from './gazetteer-index.ts';
import { isDictionaryWord } from './lexicon.ts';
import type { EntitySpan } from './index.ts';
import type { TokenSpan } from './perceptron.ts';
import type { Token } from './tokens.ts';

const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text);
const isLowercase = (token: Token) => /^\p{Ll}/u.test(token.text);
const isAcronym = (token: Token) => token.text.length > 1 && /^\p{Lu}+$/u.test(token.text);
const INNER_JOINERS = new Set(['dan']);
const COMPANY_PREFIXES = new Set(['PT', 'CV']);
/** Lower-case words that stay inside names (`Universitas Pendidikan dan Kebudayaan`, `Hall of Fame`, `Ali bin Abdullah`). */
const NAME_PARTICLES = new Set(['dan', 'of', 'and', 'the', 'for', 'de', 'del', 'da', 'di', 'la', 'le', 'van', 'von', 'der', 'den', 'zu', 'al', 'bin', 'binti', 'br', 'ni', 'y']);

const LOWER_CASE_HEADS: ReadonlySet<string> = new Set([...PLACE_HEADS, ...ORGANISATION_HEADS].map((head) => head.toLowerCase()));

/**
 * Whether the lower-case word at `i` is more likely part of the name than a break in it: a head
 * word written in lower case (`desa Sempolan kecamatan Silo`), a word of one or two letters
 * (`Guardiola i Sala`), or one glued to the word before by a hyphen or an apostrophe (`Pulau - pulau`).
 */
function insideName(tokens: readonly Token[], i: number): boolean {
  const text = tokens[i]!.text;
  return LOWER_CASE_HEADS.has(text) || text.length <= 2 || /^['’-]$/u.test(tokens[i - 1]!.text);
}

/** The span cut at common lower-case words inside it (not name particles, nor the words `insideName` keeps). */
function splitAtCommonWords(tokens: readonly Token[], span: TokenSpan, common: ReadonlySet<string>): TokenSpan[] {
  const pieces: TokenSpan[] = [];
  let first = span.first;
  for (let i = span.first + 1; i < span.last; i++) {
    const text = tokens[i]!.text;
    if (!isLowercase(tokens[i]!) || !common.has(text) || NAME_PARTICLES.has(text) || insideName(tokens, i)) continue;
    if (i > first) pieces.push({ ...span, first, last: i - 1 });
    first = i + 1;
  }
  pieces.push({ ...span, first, last: span.last });
  return pieces;
}

/** The rules by name, so cross-validation can measure what each one adds (`npm run train:names -- --rules`). */
export const RULES = ['split-at-common', 'trim-dictionary', 'company-prefix', 'drop-listed', 'organisation-runs', 'abbreviations', 'acronyms', 'people-after-roles', 'person-first-names'] as const;
export type RuleName = (typeof RULES)[number];

/** The tagger's spans refined by the rules of the module comment; `common` holds the common lower-case words, `marks` the tokens' `gazetteerMarks`. */
export function refineSpans(
  tokens: readonly Token[],
  spans: readonly EntitySpan[],
  common: ReadonlySet<string>,
  skip: ReadonlySet<RuleName> = new Set(),
  marks: readonly string[][] = gazetteerMarks(tokens.map((t) => t.text)),
): EntitySpan[] {
  const indexOfStart = new Map(tokens.map((t, i) => [t.start, i]));
  const indexOfEnd = new Map(tokens.map((t, i) => [t.end, i]));
  const asTokens = (s: EntitySpan): TokenSpan => ({ first: indexOfStart.get(s.start)!, last: indexOfEnd.get(s.end)!, type: s.type });
  let refined: TokenSpan[] = skip.has('split-at-common') ? spans.map(asTokens) : spans.flatMap((s) => splitAtCommonWords(tokens, asTokens(s), common));
  refined = refined.flatMap((span) => {
    let { first, last } = span;
    const trim = !skip.has('trim-dictionary');
    while (trim && last > first && isLowercase(tokens[last]!) && isDictionaryWord(tokens[last]!.text)) last--;
    if (span.type === 'ORGANISATION' && !skip.has('company-prefix')) {
      const prefix = tokens.findIndex((t, i) => i > first && i < last && COMPANY_PREFIXES.has(t.text));
      if (prefix > 0) first = prefix;
    }
    const onlyListed = !skip.has('drop-listed') && tokens.slice(first, last + 1).every((_, k) => marks[first + k]!.some((m) => m.startsWith('legal') || m.startsWith('role')));
    return onlyListed || (trim && isLowercase(tokens[last]!) && isDictionaryWord(tokens[last]!.text)) ? [] : [{ ...span, first, last }];
  });
  if (!skip.has('organisation-runs')) {
    for (const run of organisationRuns(tokens, marks, refined, common)) {
      refined = [...refined.filter((s) => s.last < run.first || s.first > run.last), run];
    }
  }
  if (!skip.has('abbreviations')) {
    for (const long of abbreviatedNames(tokens, refined)) refined = [...refined.filter((s) => s.last < long.first || s.first > long.last), long];
  }
  if (!skip.has('acronyms')) refined.push(...listedAcronyms(tokens, marks, refined));
  if (!skip.has('person-first-names')) refined = refined.map((span) => (span.type === 'PERSON' ? withFirstNames(tokens, marks, span, refined, common) : span));
  if (!skip.has('people-after-roles')) {
    for (const person of peopleAfterRoles(tokens, marks, refined, common)) {
      refined = [...refined.flatMap((s) => withoutTokens(s, person, marks)), person];
    }
  }
  return refined
    .sort((a, b) => a.first - b.first)
    .map((s) => ({ start: tokens[s.first]!.start, end: tokens[s.last]!.end, type: s.type }));
}

/** Words an abbreviated name's long form may have between its capitalised words (`Badan Meteorologi, Klimatologi, dan Geofisika`). */
const LONG_FORM_JOINERS = new Set([',', 'dan', '&', 'and', 'of', 'the', 'for', 'untuk']);

/**
 * Each long form that an acronym in brackets right after it abbreviates, as one name, where the
 * tagger found a name in it: the capitalised words before `(ACRONYM)` whose initials spell it, with
 * only joiners between them (`Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)`). Its type is
 * that of the name the tagger found at its first word, else of the longest it found in it.
 */
function abbreviatedNames(tokens: readonly Token[], spans: readonly TokenSpan[]): TokenSpan[] {
  const names: TokenSpan[] = [];
  for (let open = 1; open + 2 < tokens.length; open++) {
    const acronym = tokens[open + 1]!.text;
    if (tokens[open]!.text !== '(' || tokens[open + 2]!.text !== ')' || !/^\p{Lu}{2,8}$/u.test(acronym)) continue;
    let letter = acronym.length - 1;
    let first = open - 1;
    for (let i = open - 1; i >= 0 && letter >= 0; i--) {
      const text = tokens[i]!.text;
      if (isCapitalised(tokens[i]!) && text[0] === acronym[letter]) {
        letter--;
        first = i;
      } else if (!LONG_FORM_JOINERS.has(text)) break;
    }
    if (letter >= 0 || !isCapitalised(tokens[open - 1]!)) continue;
    const inside = spans.filter((s) => s.first <= open - 1 && s.last >= first);
    // Long forms of common nouns are capitalised too (`Pegawai Negeri Sipil (PNS)`): only one the tagger found a name in is a name.
    if (inside.length === 0) continue;
    const head = inside.find((s) => s.first <= first && first <= s.last);
    names.push({ first, last: open - 1, type: (head ?? inside.reduce((a, b) => (b.last - b.first > a.last - a.first ? b : a))).type });
  }
  return names;
}

/** Tokens that are, alone, a listed organisation written as an acronym, and that no span covers. */
function listedAcronyms(tokens: readonly Token[], marks: readonly string[][], spans: readonly TokenSpan[]): TokenSpan[] {
  return tokens.flatMap((token, i) => {
    const alone = marks[i]!.includes('org:B') && !(marks[i + 1] ?? []).includes('org:I');
    return alone && isAcronym(token) && !spans.some((s) => s.first <= i && i <= s.last) ? [{ first: i, last: i, type: 'ORGANISATION' as const }] : [];
  });
}

const HEADS = ['orghead:B', 'placehead:B'];
const LISTED = /^(place|org|orghead|placehead|legal|role):/;

/** Whether tokens[i] can be a word of a person's name that follows a role. */
function nameLike(tokens: readonly Token[], marks: readonly string[][], i: number, common: ReadonlySet<string>): boolean {
  const text = tokens[i]!.text;
  const acronym = text.length > 1 && text === text.toUpperCase();
  return /^\p{Lu}/u.test(text) && !acronym && !common.has(text.toLowerCase()) && !marks[i]!.some((m) => LISTED.test(m));
}

/** The person with the name-like words right before it that no other name holds (`Ri` of `Ri Chang Dae`); not across a head's word. */
function withFirstNames(tokens: readonly Token[], marks: readonly string[][], person: TokenSpan, spans: readonly TokenSpan[], common: ReadonlySet<string>): TokenSpan {
  let first = person.first;
  const free = (i: number) => !spans.some((s) => s.first <= i && i <= s.last);
  // A sentence's first word is capitalised whatever it is, and a dictionary word before a name is more often a title or a kind than a first name.
  const words = tokens.map((t) => t.text);
  const firstName = (i: number) => i >= 0 && !isSentenceInitial(words, i) && nameLike(tokens, marks, i, common) && !isDictionaryWord(tokens[i]!.text) && free(i) && gapAfter(tokens, i) === ' ';
  while (firstName(first - 1) && !(marks[first - 2] ?? []).some((m) => HEADS.includes(m))) first--;
  return first === person.first ? person : { ...person, first };
}

/** The person ending each capitalised run that starts with a role phrase and has no person in it (see the module comment). */
function peopleAfterRoles(tokens: readonly Token[], marks: readonly string[][], spans: readonly TokenSpan[], common: ReadonlySet<string>): TokenSpan[] {
  const people: TokenSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!marks[i]!.includes('role:B') || !isCapitalised(tokens[i]!)) continue;
    let last = i;
    for (;;) {
      if (last + 1 < tokens.length && isCapitalised(tokens[last + 1]!) && /^ +$/.test(gapAfter(tokens, last))) last++;
      // The role's short form in brackets keeps the run going (`Menteri Luar Negeri (Menlu) Korea Utara Choe Son Hui`).
      else if (last + 4 < tokens.length && tokens[last + 1]!.text === '(' && isCapitalised(tokens[last + 2]!) && tokens[last + 3]!.text === ')' && isCapitalised(tokens[last + 4]!)) last += 4;
      else break;
    }
    let first = last + 1;
    // A word right after a place or organisation head is that place's or organisation's (`Kota Semarang`).
    while (first - 1 > i && nameLike(tokens, marks, first - 1, common) && !marks[first - 2]!.some((m) => HEADS.includes(m))) first--;
    const found = spans.filter((s) => s.type === 'PERSON' && s.last >= i && s.first <= last);
    // A place or organisation that takes the role word in (`Pangkalan Udara Jenderal Besar Soedirman`) is no role before a person.
    const inName = spans.some((s) => s.type !== 'PERSON' && s.first <= i && i <= s.last);
    // A person the tagger found ending the run after the role stands, unless it only adds common or listed
    // words before the name, or leaves out name-like words before it (`Ri` of `Ri Chang Dae`).
    const endsRun = found.length === 1 && found[0]!.first > i && found[0]!.last === last;
    const widened = endsRun && found[0]!.first < first && tokens.slice(found[0]!.first, first).every((_, k) => !nameLike(tokens, marks, found[0]!.first + k, common));
    const narrowed = endsRun && found[0]!.first > first;
    // A place or organisation the tagger found starting inside the name-like words is not retyped (`Kota Parigi`).
    const typedOtherwise = spans.some((s) => s.type !== 'PERSON' && s.first >= first && s.first <= last);
    if (first <= last && !inName && !typedOtherwise && (found.length === 0 || widened || narrowed)) people.push({ first, last, type: 'PERSON' });
    i = last;
  }
  return people;
}

const gapAfter = (tokens: readonly Token[], i: number) => (i + 1 < tokens.length ? ' '.repeat(tokens[i + 1]!.start - tokens[i]!.end) : '');

/** The span without the person's tokens: the part before them stays if a gazetteer lists a place or organisation in it. */
function withoutTokens(span: TokenSpan, person: TokenSpan, marks: readonly string[][]): TokenSpan[] {
  if (span.last < person.first || span.first > person.last) return [span];
  if (span.first >= person.first) return [];
  const before = { ...span, last: person.first - 1 };
  const listed = marks.slice(before.first, before.last + 1).some((m) => m.some((mark) => /^(place|org|orghead|placehead):/.test(mark)));
  return listed ? [before] : [];
}

/** Whether the word at `i`, after `dan`, opens a name of its own: an organisation head, a role or an acronym (`Partai Golkar dan PKS`). */
function startsName(tokens: readonly Token[], marks: readonly string[][], i: number): boolean {
  return marks[i]!.includes('orghead:B') || marks[i]!.includes('role:B') || isAcronym(tokens[i]!);
}

function organisationRuns(tokens: readonly Token[], marks: readonly string[][], spans: readonly TokenSpan[], common: ReadonlySet<string>): TokenSpan[] {
  const personStarts = new Set(spans.flatMap((s) => (s.type === 'PERSON' ? [s.first] : [])));
  const typedOtherwise = (i: number) => spans.some((s) => s.type !== 'ORGANISATION' && s.first <= i && i <= s.last);
  const runs: TokenSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!marks[i]!.includes('orghead:B') || !isCapitalised(tokens[i]!) || typedOtherwise(i)) continue;
    let last = i;
    let joined = false;
    for (let j = i + 1; j < tokens.length && !personStarts.has(j); j++) {
      if (isCapitalised(tokens[j]!)) last = j;
      else if (INNER_JOINERS.has(tokens[j]!.text) && j + 1 < tokens.length && isCapitalised(tokens[j + 1]!) && !startsName(tokens, marks, j + 1)) joined = true;
      else break;
    }
    // Where the tagger found a name at the head and no `dan` joins the run, its own boundary is the better one.
    const taggedHead = spans.some((s) => s.first <= i && i <= s.last);
    // An organisation the tagger found after the head is the name; the words before it a body of it (`Dewan Pembina Partai Demokrat`).
    const taggedInside = spans.some((s) => s.type === 'ORGANISATION' && s.first > i && s.first <= last);
    // A run of common words only names a kind of institution (`Sekolah Menengah Atas`), not one.
    const proper = tokens.slice(i + 1, last + 1).some((t) => isCapitalised(t) && !common.has(t.text.toLowerCase()));
    if (last > i && !(taggedInside && !taggedHead) && (joined || (!taggedHead && proper))) runs.push({ first: i, last, type: 'ORGANISATION' });
    i = last;
  }
  return runs;
}

/**
 * Abbreviations that end in a full stop, as data. The segmenter looks up the token in front of a
 * full stop here before deciding whether the full stop ends a sentence.
 *
 * - `prefix`: always followed by more of the same sentence (titles before a name, address parts,
 *   "No." before a number). A capitalised word after it is a name, never a new sentence.
 * - `suffix`: can itself close a sentence ("… PT Maju Jaya Tbk.", "… buku, pena, dll."). A
 *   following capitalised word starts a new sentence, unless that word is itself an abbreviation
 *   ("Pte. Ltd.", "Co. Ltd.").
 *
 * Forms are written without the final full stop. Matching is case-insensitive unless
 * `caseSensitive` is set (used where the lower-case form is an ordinary word that can end a
 * sentence, e.g. "kol" = cabbage).
 */
export type AbbreviationKind = 'prefix' | 'suffix';

export interface Abbreviation {
  form: string;
  kind: AbbreviationKind;
  caseSensitive?: boolean;
  note?: string;
}

const prefix = (forms: string[], note: string, caseSensitive = false): Abbreviation[] =>
  forms.map((form) => ({ form, kind: 'prefix' as const, note, ...(caseSensitive ? { caseSensitive } : {}) }));
const suffix = (forms: string[], note: string, caseSensitive = false): Abbreviation[] =>
  forms.map((form) => ({ form, kind: 'suffix' as const, note, ...(caseSensitive ? { caseSensitive } : {}) }));

export const ABBREVIATIONS: readonly Abbreviation[] = [
  // Titles and honorifics before a name.
  ...prefix(['Dr', 'dr', 'drg', 'Drs', 'Dra', 'Prof', 'Ir', 'Hj', 'KH', 'Ny', 'Nn', 'Tn', 'Sdr', 'Sdri', 'Bpk', 'Bp', 'Yth', 'Pdt', 'Ust', 'Mr', 'Mrs', 'Ms', 'Mx', 'Sr', 'Fr', 'St', 'Rev'], 'title or honorific'),
  ...prefix(['H', 'R', 'Kol', 'Let', 'Jend', 'Mayjen', 'Brigjen', 'Letjen', 'Kapt', 'Letkol', 'Kompol', 'Komjen', 'Irjen', 'Kombes', 'Aiptu', 'Serka', 'Serma'], 'title or rank (case-sensitive: lower-case forms are words)', true),
  // Addresses and administrative units.
  ...prefix(['Jl', 'Jln', 'Gg', 'Kec', 'Kab', 'Kel', 'Ds', 'Prov', 'Kav', 'Kompl', 'Rt', 'Rw', 'Kp', 'Dsn'], 'address or administrative unit'),
  // Reference words before a number or a name.
  ...prefix(['No', 'Nos', 'Nmr', 'Vol', 'hlm', 'Hlm', 'pk', 'Pkl', 'tgl', 'Tgl', 'Rp', 'Ps', 'ay', 'ca', 'vs', 'cf', 'PT', 'CV', 'UD', 'Fa'], 'reference word or company prefix'),
  // Dotted lower-case forms that introduce what follows.
  ...prefix(['a.n', 'u.p', 'u.b', 's.d', 'd.a', 'a.l', 'c.q', 'q.q', 'yg', 'dg', 'dgn', 'utk', 'spt', 'krn', 'sbg', 'thd', 'e.g', 'i.e', 'cq'], 'connective abbreviation'),
  // Company forms: usually after the name, often the last word of a sentence.
  ...suffix(['Tbk', 'Ltd', 'Inc', 'Co', 'Corp', 'LLC', 'Pte', 'Plc', 'Bhd', 'Sdn', 'AG', 'SA', 'NV', 'BV', 'GmbH', 'Pty', 'Persero'], 'company form'),
  // List closers and references that can end a sentence.
  ...suffix(['dll', 'dsb', 'dst', 'dkk', 'tsb', 'sbb', 'etc', 'al', 'ybs'], 'list closer or reference'),
  // Name suffixes and degrees (single-segment forms; dotted forms like "S.H." are recognised by shape).
  ...suffix(['Jr', 'MSi', 'MSc', 'MBA', 'MPd', 'MHum', 'SKom', 'SPd', 'SSos', 'SIP', 'SIKom', 'Sp', 'Amd'], 'name suffix or degree'),
  // Months (Indonesian and English short forms). Usually followed by a year, which never splits.
  ...suffix(['Jan', 'Feb', 'Peb', 'Mar', 'Apr', 'Jun', 'Jul', 'Agu', 'Agt', 'Ags', 'Agst', 'Aug', 'Sep', 'Sept', 'Okt', 'Oct', 'Nov', 'Nop', 'Des', 'Dec'], 'month'),
  // Days (short forms).
  ...suffix(['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], 'day'),
];

interface AbbreviationIndex {
  exact: Map<string, AbbreviationKind>;
  folded: Map<string, AbbreviationKind>;
}

function buildIndex(list: readonly Abbreviation[]): AbbreviationIndex {
  const exact = new Map<string, AbbreviationKind>();
  const folded = new Map<string, AbbreviationKind>();
  for (const a of list) {
    if (a.caseSensitive) exact.set(a.form, a.kind);
    else if (!folded.has(a.form.toLowerCase())) folded.set(a.form.toLowerCase(), a.kind);
  }
  return { exact, folded };
}

const INDEX = buildIndex(ABBREVIATIONS);

/** Kind of the abbreviation `token` (written without its final full stop), or undefined. */
export function abbreviationKind(token: string): AbbreviationKind | undefined {
  return INDEX.exact.get(token) ?? INDEX.folded.get(token.toLowerCase());
}

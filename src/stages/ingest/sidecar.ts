/**
 * Metadata an analyst writes beside articles: `<name>.meta.yaml` (or `.yml`, `.json`) for one
 * file, `sources.csv` (`file,url,outlet,published`, and optionally `title,author,lang`) for the
 * files of its folder. A sidecar wins over `sources.csv`, which wins over what the file says itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../../errors.ts';
import type { CompanionFile, SourceFile } from '../../pipeline/contract.ts';
import type { GivenMetadata } from '../../types.ts';
import { sha256 } from '../../util/hash.ts';
import { decodeArticleBytes, normalizeArticleText } from './decode.ts';
import { emptyGiven, GIVEN_FIELDS, isGivenField, metadataError, overlay, readYamlMetadata, requireField, setField, type Place } from './given-metadata.ts';

/** The metadata of the article's companions, the `sources.csv` row first and its sidecars over it. */
export async function readCompanions(file: SourceFile): Promise<{ metadata: GivenMetadata; paths: string[] }> {
  const companions = file.companions ?? [];
  const layers: GivenMetadata[] = [];
  for (const companion of [...companions].sort((a, b) => Number(isSourcesCsv(b)) - Number(isSourcesCsv(a)))) {
    if (isSourcesCsv(companion)) layers.push(sourcesCsvRow(await sourcesTable(companion, file), companion, relativeTo(companion, file)));
    else layers.push(sidecarMetadata(await readCompanionText(companion, file), companion));
  }
  return { metadata: overlay(...layers), paths: companions.map((c) => c.path) };
}

const isSourcesCsv = (companion: CompanionFile): boolean => path.posix.basename(companion.path) === 'sources.csv';

/** The article's path as its folder's `sources.csv` names it. */
const relativeTo = (companion: CompanionFile, file: SourceFile): string => path.posix.relative(path.posix.dirname(companion.path), file.path);

/** The companion's text, which must be the bytes discovery hashed (it is part of the article's cache key). */
async function readCompanionText(companion: CompanionFile, article: SourceFile): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(companion.absolutePath);
  } catch (cause) {
    throw new WartaError('INPUT_UNREADABLE', `${companion.path} (metadata of ${article.path}) cannot be read: ${(cause as Error).message}`, {
      cause,
      file: companion.absolutePath,
      hint: 'It may have been moved or deleted during the run; run `warta run` again.',
    });
  }
  if (sha256(bytes) !== companion.sha256) {
    throw new WartaError('INPUT_UNREADABLE', `${companion.path} (metadata of ${article.path}) changed during the run.`, {
      file: companion.absolutePath,
      hint: 'Run again once the file is no longer being written: `warta run`.',
    });
  }
  return normalizeArticleText(decodeArticleBytes(bytes, companion.path).text);
}

function sidecarMetadata(text: string, companion: CompanionFile): GivenMetadata {
  if (!/\.json$/iu.test(companion.path)) return readYamlMetadata(text, { source: 'sidecar', file: companion.path, absolutePath: companion.absolutePath, firstLine: 1, unknownKeys: 'error' });
  const place = (line: number): Place => ({ file: companion.path, absolutePath: companion.absolutePath, line });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/u.exec((cause as Error).message);
    throw metadataError(place(position ? lineOfOffset(text, Number(position[1])) : 1), `not valid JSON: ${(cause as Error).message}`, cause);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw metadataError(place(1), 'expected an object of `"key": "value"` pairs.');
  const given = emptyGiven();
  for (const [key, field] of Object.entries(value)) {
    const line = lineOfOffset(text, Math.max(0, text.indexOf(JSON.stringify(key))));
    if (!isGivenField(key)) throw metadataError(place(line), `unknown key \`${key}\`.`);
    const normalised = requireField(key, field, place(line));
    if (normalised !== null) setField(given, key, normalised, 'sidecar');
  }
  return given;
}

const lineOfOffset = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

interface SourcesTable {
  columns: string[];
  /** The rows by the file they name. */
  rows: Map<string, CsvRow>;
}

/**
 * One `sources.csv` serves every article of its folder: the last few tables read are kept, by
 * file and hash, so a folder of many articles reads and parses its table once.
 */
const tables = new Map<string, Promise<SourcesTable>>();
const TABLES_KEPT = 4;

function sourcesTable(companion: CompanionFile, article: SourceFile): Promise<SourcesTable> {
  const key = `${companion.absolutePath}\0${companion.sha256}`;
  let table = tables.get(key);
  if (!table) {
    table = readCompanionText(companion, article).then((text) => parseSourcesTable(text, companion));
    tables.set(key, table);
    table.catch(() => tables.delete(key));
    if (tables.size > TABLES_KEPT) tables.delete(tables.keys().next().value!);
  }
  return table;
}

function parseSourcesTable(text: string, companion: CompanionFile): SourcesTable {
  const place = (line: number): Place => ({ file: companion.path, absolutePath: companion.absolutePath, line });
  const [header, ...body] = parseCsv(text, place);
  if (!header) return { columns: [], rows: new Map() };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const unknown = columns.find((column) => column !== 'file' && !isGivenField(column));
  if (!columns.includes('file') || unknown !== undefined) {
    throw metadataError(place(header.line), `the first line names the columns: \`file\` and any of ${GIVEN_FIELDS.join(', ')}${unknown !== undefined ? `; \`${unknown}\` is none of them` : ''}.`);
  }
  const fileColumn = columns.indexOf('file');
  const rows = new Map<string, CsvRow>();
  for (const row of body) {
    const named = normalisePath(row.cells[fileColumn] ?? '');
    if (!rows.has(named)) rows.set(named, row);
  }
  return { columns, rows };
}

/** The row of `sources.csv` that names `article`, as metadata; none is no metadata. */
function sourcesCsvRow({ columns, rows }: SourcesTable, companion: CompanionFile, article: string): GivenMetadata {
  const place = (line: number): Place => ({ file: companion.path, absolutePath: companion.absolutePath, line });
  const row = rows.get(article);
  const given = emptyGiven();
  if (!row) return given;
  if (row.cells.length !== columns.length) throw metadataError(place(row.line), `expected ${columns.length} fields (${columns.join(',')}), got ${row.cells.length}.`);
  columns.forEach((column, i) => {
    if (!isGivenField(column)) return;
    const value = requireField(column, row.cells[i], place(row.line));
    if (value !== null) setField(given, column, value, 'sources.csv');
  });
  return given;
}

const normalisePath = (cell: string): string => path.posix.normalize(cell.trim().replace(/\\/gu, '/')).replace(/^\.\//u, '');

interface CsvRow {
  /** 1-based line the row starts on. */
  line: number;
  cells: string[];
}

/** RFC 4180: commas, double-quoted fields with `""` for a quote and line breaks inside; blank lines are no rows. */
export function parseCsv(text: string, place: (line: number) => Place): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n') {
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw metadataError(place(quoteLine), 'a quoted field is never closed (a `"` is missing).');
  endRow();
  return rows;
}

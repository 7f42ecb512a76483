import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WartaError } from '../../../src/errors.ts';
import { cleanStage } from '../../../src/stages/clean/index.ts';
import { discoverArticles } from '../../../src/stages/ingest/discover.ts';
import { ingestStage } from '../../../src/stages/ingest/index.ts';
import { articleSource } from '../../../src/stages/ingest/source.ts';
import type { CleanedArticle, IngestedArticle } from '../../../src/types.ts';
import { REPO } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIXTURES = path.join(REPO, 'test/fixtures/inputs');

function folderWith(files: Record<string, string> = {}, fixtures: string[] = []): string {
  const dir = tempDir('warta-inputs-');
  for (const name of fixtures) cpSync(path.join(FIXTURES, name), path.join(dir, name));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function ingest(dir: string, relative: string): Promise<IngestedArticle> {
  const { files, problems } = await discoverArticles(dir, 1e7);
  expect(problems).toEqual([]);
  const file = files.find((f) => f.path === relative)!;
  return ingestStage.run(file, { articleId: file.id, options: { max_paragraphs: 2000 }, resources: undefined, version: ingestStage.version });
}

async function clean(dir: string, relative: string): Promise<CleanedArticle> {
  const article = await ingest(dir, relative);
  return cleanStage.run(article, { articleId: article.id, options: { keep_boilerplate: false }, resources: undefined, version: cleanStage.version });
}

async function failure(promise: Promise<unknown>): Promise<WartaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WartaError);
  return error as WartaError;
}

describe('an HTML page saved from a browser', () => {
  it('gives only the article text, and the title, outlet, date, author and URL from its JSON-LD and canonical link', async () => {
    const article = await clean(folderWith({}, ['banjir-demak.html']), 'banjir-demak.html');
    expect(article.source.format).toBe('html');
    expect(article.blocks[0]).toMatchObject({ kind: 'title', text: 'Tanggul Sungai Wulan Jebol, Ribuan Warga Demak Mengungsi' });
    const paragraphs = article.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^Tanggul Sungai Wulan di Desa Ketanjung/u);
    expect(paragraphs[5]).toMatch(/jalur alternatif melalui Purwodadi\.$/u);
    // Navigation, ads, the cookie banner, share buttons, the caption, related and popular links, comments, the footer.
    for (const furniture of ['Beranda', 'Megapolitan', 'ADVERTISEMENT', 'Iklan', 'cookie', 'Setuju', 'Bagikan', 'perahu karet, Minggu', 'Berita Terkait', 'Hujan Deras Diprediksi', 'Terpopuler', 'Komentar', 'Copyright', 'Baca juga', 'Penulis', 'gtag']) {
      expect(article.text).not.toContain(furniture);
    }
    expect(article.metadata).toMatchObject({
      title: 'Tanggul Sungai Wulan Jebol, Ribuan Warga Demak Mengungsi',
      outlet: 'Kompas.com',
      published: '2024-03-17T09:15:00+07:00',
      author: 'Rina Kusumawati',
      url: 'https://regional.kompas.com/read/2024/03/17/091500778/tanggul-sungai-wulan-jebol',
      lang: 'id-ID',
      dateline: 'DEMAK',
    });
    expect(article.metadata.sources).toEqual({ title: 'json-ld', outlet: 'json-ld', published: 'json-ld', author: 'json-ld', url: 'html', lang: 'json-ld', dateline: 'text' });
  });

  it('falls back to Open Graph and the HTML tags when the page has no JSON-LD, and reads an article with line breaks', async () => {
    const page = `<!doctype html><html lang="id"><head><title>Judul - Situs</title>
      <meta property="og:title" content="Pasar Apung Banjarmasin Kembali Ramai">
      <meta property="og:site_name" content="Banjarmasin Post">
      <meta property="og:url" content="https://banjarmasin.example.id/pasar-apung">
      <meta property="article:published_time" content="2024-05-02T07:00:00+08:00">
      <meta name="author" content="Siti Rahmah">
      <script type="application/ld+json">{ not json</script></head>
      <body><nav><a href="/">Beranda</a> <a href="/kalsel">Kalsel</a></nav>
      <article><h1>Pasar Apung Banjarmasin Kembali Ramai</h1>
      <div>Ratusan perahu pedagang kembali memenuhi Sungai Martapura sejak subuh, setelah dua pekan sepi karena air pasang yang tinggi.<br>Wisatawan dari luar daerah pun mulai berdatangan untuk membeli buah dan kue tradisional langsung dari atas perahu.</div>
      <h2>Harga Tetap Terjangkau</h2>
      <p>Pedagang menjual pisang, jeruk, dan aneka kue dengan harga mulai Rp 5.000, sama seperti sebelum air pasang datang ke kawasan itu.</p>
      </article></body></html>`;
    const article = await clean(folderWith({ 'pasar.htm': page }), 'pasar.htm');
    expect(article.blocks.map((b) => [b.kind, b.text.slice(0, 30)])).toEqual([
      ['title', 'Pasar Apung Banjarmasin Kembal'],
      ['paragraph', 'Ratusan perahu pedagang kembal'],
      ['paragraph', 'Wisatawan dari luar daerah pun'],
      ['heading', 'Harga Tetap Terjangkau'],
      ['paragraph', 'Pedagang menjual pisang, jeruk'],
    ]);
    expect(article.metadata).toMatchObject({ outlet: 'Banjarmasin Post', author: 'Siti Rahmah', url: 'https://banjarmasin.example.id/pasar-apung', published: '2024-05-02T07:00:00+08:00', lang: 'id' });
    expect(article.metadata.sources).toMatchObject({ title: 'open-graph', outlet: 'open-graph', url: 'open-graph', published: 'open-graph', author: 'html', lang: 'html' });
  });

  it('a page with no article text fails alone, with a clear reason', async () => {
    // A page that builds its text with a script, saved before it ran.
    const error = await failure(ingest(folderWith({ 'kosong.html': '<!doctype html><html><body><div id="app"></div><script>render()</script></body></html>' }), 'kosong.html'));
    expect(error.code).toBe('INPUT_EMPTY');
    expect(error.message).toBe('kosong.html has no article text that could be found in the page.');
  });
});

describe('a Markdown note with front matter', () => {
  it('takes the front matter as metadata, never as text, and reduces links, images and emphasis to their text', async () => {
    const dir = folderWith({}, ['catatan-gempa.md']);
    const ingested = await ingest(dir, 'catatan-gempa.md');
    expect(ingested.text).not.toMatch(/---|^title:|tags:|\*\*|__|\]\(|!\[|Warga berkumpul|cdn\.example/mu);
    expect(ingested.source.links).toEqual([
      { line: 13, text: 'BMKG', url: 'https://www.bmkg.go.id/gempabumi' },
      { line: 21, text: 'laman resmi BPBD', url: 'https://bpbd.cianjurkab.go.id/data-gempa' },
    ]);
    const article = await clean(dir, 'catatan-gempa.md');
    expect(article.blocks.map((b) => [b.kind, b.line, b.text])).toEqual([
      ['title', 1, 'Gempa Magnitudo 5,6 Guncang Cianjur, Warga Berhamburan Keluar Rumah'],
      ['paragraph', 13, 'Gempa berkekuatan magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Sabtu siang. Menurut BMKG, pusat gempa berada di darat pada kedalaman 10 kilometer.'],
      ['paragraph', 17, 'Warga di Kecamatan Cugenang berhamburan keluar rumah begitu guncangan terasa. Sedikitnya 27 rumah dilaporkan rusak ringan, sebagian besar berupa retakan dinding dan genteng yang berjatuhan.'],
      ['paragraph', 21, 'Kepala BPBD Cianjur meminta warga tetap tenang dan menjauhi bangunan yang retak. Data sementara bisa dilihat di laman resmi BPBD yang diperbarui setiap jam.'],
    ]);
    expect(article.metadata).toMatchObject({
      title: 'Gempa Magnitudo 5,6 Guncang Cianjur, Warga Berhamburan Keluar Rumah',
      url: 'https://www.liputan6.com/news/read/5512345/gempa-cianjur',
      outlet: 'Liputan6.com',
      published: '2024-02-03T14:20:00+07:00',
      author: 'Dewi Anggraini, Fajar Nugraha',
      lang: 'id',
    });
    expect(article.metadata.sources).toMatchObject({ title: 'front-matter', url: 'front-matter', outlet: 'front-matter', published: 'front-matter', author: 'front-matter', lang: 'front-matter' });
  });

  it('keeps escaped markup characters as text and a heading the body opens with as the title', async () => {
    const note = ['---', 'outlet: Tempo', '---', '# Harga Emas Antam Turun', '', 'Harga emas batangan turun Rp 7.000 menjadi Rp 1\\.250.000 per gram, kata *\\*pengelola* butik ![logo](logo.png) emas di Jakarta, Senin.'].join('\n');
    const article = await clean(folderWith({ 'emas.md': note }), 'emas.md');
    expect(article.blocks.map((b) => b.text)).toEqual(['Harga Emas Antam Turun', 'Harga emas batangan turun Rp 7.000 menjadi Rp 1.250.000 per gram, kata *pengelola butik logo emas di Jakarta, Senin.']);
    expect(article.metadata.sources?.title).toBe('text');
  });

  it('malformed front matter fails that article with the file and line, not the run', async () => {
    const note = ['---', 'title: Banjir Rob', 'published: [2024-03-01', 'outlet: Kompas', '---', 'Banjir rob merendam pesisir Pekalongan.'].join('\n');
    const error = await failure(ingest(folderWith({ 'rob.md': note }), 'rob.md'));
    expect(error.code).toBe('INPUT_METADATA');
    expect(error.message).toMatch(/^rob\.md:[34]: not valid YAML: /u);
    expect(error.file).toMatch(/rob\.md$/u);
    expect(error.hint).toContain('warta run');
    expect(error.cause).toBeDefined();
    const badDate = await failure(ingest(folderWith({ 'rob.md': ['---', 'title: Banjir Rob', 'published: kemarin sore', '---', 'Teks.'].join('\n') }), 'rob.md'));
    expect(badDate.message).toBe('rob.md:3: `published`: expected a date such as 2024-03-28 or 2024-03-28T21:37:00+07:00, got "kemarin sore".');
    const unclosed = await failure(ingest(folderWith({ 'rob.md': ['---', 'title: Banjir Rob', '', 'Banjir rob merendam pesisir Pekalongan.'].join('\n') }), 'rob.md'));
    expect(unclosed.message).toBe('rob.md:1: the front matter opened here is never closed (no `---` line after it).');
  });
});

describe('metadata beside a plain-text article', () => {
  it('a sidecar gives the URL, outlet, date and author; the title stays the text’s', async () => {
    const article = await clean(folderWith({}, ['harga-cabai.txt', 'harga-cabai.meta.yaml']), 'harga-cabai.txt');
    expect(article.metadata).toMatchObject({
      title: 'Harga Cabai Rawit di Pasar Induk Tembus Rp 90.000 per Kilogram',
      url: 'https://ekonomi.bisnis.com/read/20240305/12/1746000/harga-cabai-rawit',
      outlet: 'Bisnis.com',
      published: '2024-03-05',
      author: 'Hendra Wijaya',
    });
    expect(article.metadata.sources).toEqual({ title: 'text', url: 'sidecar', outlet: 'sidecar', published: 'sidecar', author: 'sidecar' });
    expect(article.source.companions).toEqual(['harga-cabai.meta.yaml']);
  });

  it('sources.csv gives metadata to the files it names, and a sidecar wins over it field by field', async () => {
    const csv = ['file,url,outlet,published', 'harga-cabai.txt,https://example.id/cabai,"Kontan, Jakarta",2024-03-04', '"beras.txt",https://example.id/beras,Kontan,2024-03-06T10:00:00+07:00', ''].join('\r\n');
    const dir = folderWith({ 'sources.csv': csv, 'beras.txt': 'Harga Beras Medium Naik Lagi\n\nHarga beras medium di pasar tradisional naik Rp 500 per kilogram pekan ini.\n' }, ['harga-cabai.txt', 'harga-cabai.meta.yaml']);
    const beras = await clean(dir, 'beras.txt');
    expect(beras.metadata).toMatchObject({ url: 'https://example.id/beras', outlet: 'Kontan', published: '2024-03-06T10:00:00+07:00' });
    expect(beras.metadata.sources).toMatchObject({ url: 'sources.csv', outlet: 'sources.csv', published: 'sources.csv' });
    writeFileSync(path.join(dir, 'harga-cabai.meta.yaml'), 'author: Hendra Wijaya\noutlet: Bisnis.com\n');
    const cabai = await clean(dir, 'harga-cabai.txt');
    expect(cabai.metadata).toMatchObject({ url: 'https://example.id/cabai', outlet: 'Bisnis.com', published: '2024-03-04', author: 'Hendra Wijaya' });
    expect(cabai.metadata.sources).toMatchObject({ url: 'sources.csv', outlet: 'sidecar', published: 'sources.csv', author: 'sidecar' });
    expect(cabai.source.companions).toEqual(['harga-cabai.meta.yaml', 'sources.csv']);
  });

  it('an edited sidecar changes the article’s cache key; an untouched article keeps its key', async () => {
    const dir = folderWith({ 'lain.txt': 'Judul Lain\n\nTeks lain yang cukup panjang untuk menjadi paragraf.\n' }, ['harga-cabai.txt', 'harga-cabai.meta.yaml']);
    const keys = async () => new Map((await discoverArticles(dir, 1e7)).files.map((f) => [f.path, JSON.stringify(articleSource.keyOf(f))]));
    const before = await keys();
    writeFileSync(path.join(dir, 'harga-cabai.meta.yaml'), 'url: https://ekonomi.bisnis.com/read/lain\n');
    const after = await keys();
    expect(after.get('harga-cabai.txt')).not.toBe(before.get('harga-cabai.txt'));
    expect(after.get('lain.txt')).toBe(before.get('lain.txt'));
  });

  it('a bad sidecar, JSON sidecar or sources.csv row fails that article with the file and line', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'a.meta.yaml': 'url: https://example.id/a\nwebsite: https://example.id\n' }, 'a.meta.yaml:2: unknown key `website`.'],
      [{ 'a.meta.yaml': 'url: javascript:alert(1)\n' }, 'a.meta.yaml:1: `url`: expected an http or https URL such as https://www.example.co.id/berita/123, got "javascript:alert(1)".'],
      [{ 'a.meta.json': '{\n  "outlet": "Tempo",\n  "published": "28 Maret"\n}\n' }, 'a.meta.json:3: `published`: expected a date such as 2024-03-28 or 2024-03-28T21:37:00+07:00, got "28 Maret".'],
      [{ 'a.meta.json': '{\n  "outlet": "Tempo",\n}\n' }, 'a.meta.json:3: not valid JSON: '],
      [{ 'sources.csv': 'file,url,outlet\nb.txt,https://example.id/b,Tempo\na.txt,https://example.id/a\n' }, 'sources.csv:3: expected 3 fields (file,url,outlet), got 2.'],
      [{ 'sources.csv': 'file,link\na.txt,https://example.id/a\n' }, 'sources.csv:1: the first line names the columns: `file` and any of title, url, outlet, published, author, lang; `link` is none of them.'],
      [{ 'sources.csv': 'file,outlet\na.txt,"Tempo\n' }, 'sources.csv:2: a quoted field is never closed'],
    ];
    for (const [files, message] of cases) {
      const error = await failure(ingest(folderWith({ 'a.txt': 'Judul\n\nTeks artikel.\n', ...files }), 'a.txt'));
      expect(error.code).toBe('INPUT_METADATA');
      expect(error.message.startsWith(message)).toBe(true);
      expect(error.hint).toMatch(/^Fix line \d+ of /u);
    }
  });
});

describe('the DOM libraries', () => {
  it('are imported by html.ts alone, and only when a page is read (a dynamic import), so runs without HTML never load them', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const sources = readdirSync(path.join(REPO, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importing = sources.filter((f) => /['"](?:linkedom|@mozilla\/readability)['"]/u.test(readFileSync(path.join(REPO, 'src', f), 'utf8')));
    expect(importing).toEqual(['stages/ingest/html.ts']);
    const html = readFileSync(path.join(REPO, 'src/stages/ingest/html.ts'), 'utf8');
    expect(html).not.toMatch(/^import[^;]*['"](?:linkedom|@mozilla\/readability)['"]/mu);
    expect(html).toMatch(/import\('linkedom'\)/u);
  });
});

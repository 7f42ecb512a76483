import { markdownText } from '../../src/io/markdown.ts';
import { HOSTILE_TEXTS, expectSafeMarkdown } from '../stages/render/markdown-safety.ts';
import { describe, expect, it } from 'vitest';
import { buildDigest, digestMarkdown, type DigestGroup } from '../../src/digest/digest.ts';
import { GROUPING, averageLinkGroups, figures } from '../../src/digest/group.ts';
import { contentTerms, cosine, inverseDocumentFrequency, tfidf } from '../../src/stages/summarize/text-features.ts';
import { FIXTURES, corpus, documentOf, kebakaranHarian, kebakaranKabar, longsorBanjarsari, longsorCikadu, longsorHarian, longsorKabar, longsorWarta } from './fixtures.ts';

const idsOf = (group: DigestGroup) => group.articles.map((a) => a.id).sort();
const groupWith = (groups: DigestGroup[], articleId: string) => groups.find((g) => g.articles.some((a) => a.id === articleId))!;

describe('grouping articles by event', () => {
  const digest = buildDigest(corpus());

  it('puts the articles about one event together, and nothing else', () => {
    expect(digest.articles).toBe(FIXTURES.length);
    expect(digest.groups.map(idsOf)).toEqual([
      [longsorHarian.id, longsorKabar.id, longsorWarta.id],
      [kebakaranHarian.id, kebakaranKabar.id],
      [longsorCikadu.id],
      [longsorBanjarsari.id],
    ]);
    expect(digest.groups.map((g) => g.id)).toEqual(['g1', 'g2', 'g3', 'g4']);
  });

  it('keeps a same-day landslide in another province apart', () => {
    expect(groupWith(digest.groups, longsorBanjarsari.id).articles).toHaveLength(1);
  });

  it('keeps a later landslide in the same regency apart because of the date gap alone', () => {
    expect(groupWith(digest.groups, longsorCikadu.id).articles).toHaveLength(1);
    // Without dates, the same texts do join the Karangsari group: the gap is what separates them.
    const undated = buildDigest(corpus().map((d) => ({ ...d, metadata: { ...d.metadata, published: undefined } })));
    expect(idsOf(groupWith(undated.groups, longsorCikadu.id))).toContain(longsorWarta.id);
  });

  it('does not let a missing date block grouping', () => {
    expect(kebakaranHarian.metadata.published).toBeUndefined();
    expect(idsOf(groupWith(digest.groups, kebakaranHarian.id))).toEqual([kebakaranHarian.id, kebakaranKabar.id]);
  });

  it('does not depend on the order the articles arrive in', () => {
    expect(buildDigest(corpus().reverse())).toEqual(digest);
  });

  it('lists the outlets and publication days that reported each event', () => {
    const landslide = groupWith(digest.groups, longsorWarta.id);
    expect(landslide.outlets).toEqual(['Warta Priangan', 'Kabar Nusantara', 'Harian Cakrawala']);
    expect(landslide.dates).toEqual(['2024-11-04', '2024-11-05']);
    expect(landslide.articles.map((a) => [a.outlet, a.published])).toEqual([
      ['Warta Priangan', '2024-11-04T09:20:00+07:00'],
      ['Kabar Nusantara', '2024-11-04T14:05:00+07:00'],
      ['Harian Cakrawala', '2024-11-05T07:40:00+07:00'],
    ]);
    const fire = groupWith(digest.groups, kebakaranKabar.id);
    expect(fire.outlets).toEqual(['Kabar Nusantara', 'Harian Cakrawala']);
    expect(fire.dates).toEqual(['2024-11-04']);
    expect(fire.articles.at(-1)).toMatchObject({ id: kebakaranHarian.id, published: null });
  });
});

describe('group summary', () => {
  const documents = corpus();
  const digest = buildDigest(documents);
  const landslide = groupWith(digest.groups, longsorWarta.id);
  const idf = inverseDocumentFrequency(documents.flatMap((d) => d.sentences.map((s) => contentTerms(s.source))));

  it('draws from several articles and links every sentence to its source sentence', () => {
    expect(new Set(landslide.summary.map((s) => s.article)).size).toBeGreaterThan(1);
    for (const s of landslide.summary) {
      const source = documents.find((d) => d.id === s.article)!.sentences.find((x) => x.id === s.sentence)!;
      expect(s.sentence.startsWith(`${s.article}#`)).toBe(true);
      expect([s.source, s.translation]).toEqual([source.source, source.translation]);
    }
    expect(landslide.summary.length).toBeLessThanOrEqual(GROUPING.summarySentences);
  });

  it('states a fact the outlets all reported once', () => {
    // Every outlet's own summary reports the death toll of seven or the five buried houses…
    const perArticle = [longsorWarta, longsorKabar].map((a) => documentOf(a).summary.sentences.filter((s) => /tujuh warga|lima rumah/i.test(s.source)).length);
    expect(perArticle.every((n) => n > 0)).toBe(true);
    // …the group summary says each once.
    expect(landslide.summary.filter((s) => /tujuh warga/i.test(s.source))).toHaveLength(1);
    expect(landslide.summary.filter((s) => /lima rumah/i.test(s.source))).toHaveLength(1);
    const fire = groupWith(digest.groups, kebakaranKabar.id);
    expect(fire.summary.filter((s) => /120 kios/.test(s.source))).toHaveLength(1);
  });

  it('never takes two sentences that are close or state the same figure', () => {
    for (const group of digest.groups) {
      const texts = group.summary.map((s) => s.source);
      expect(new Set(texts).size).toBe(texts.length);
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          expect(cosine(tfidf(contentTerms(texts[i]!), idf), tfidf(contentTerms(texts[j]!), idf))).toBeLessThan(GROUPING.redundantCosine);
          expect([...figures(texts[i]!)].filter((f) => figures(texts[j]!).has(f))).toEqual([]);
        }
      }
    }
  });
});

describe('names in both languages', () => {
  const digest = buildDigest(corpus());
  const names = (articleId: string) => groupWith(digest.groups, articleId).names;

  it('lists the places, organisations and people with their English form from the translations', () => {
    expect(names(longsorWarta.id)).toEqual(
      expect.arrayContaining([
        { id: 'Desa Karangsari', en: 'Karangsari Village', mentions: 3, articles: [longsorWarta.id, longsorKabar.id, longsorHarian.id] },
        expect.objectContaining({ id: 'Kabupaten Sumedang Kidul', en: 'Sumedang Kidul Regency' }),
        expect.objectContaining({ id: 'Jawa Barat', en: 'West Java' }),
        expect.objectContaining({ id: 'BPBD Sumedang Kidul', en: 'Sumedang Kidul BPBD' }),
        expect.objectContaining({ id: 'Rina Hartati', en: 'Rina Hartati' }),
        expect.objectContaining({ id: 'Dedi Kurniawan', en: 'Dedi Kurniawan' }),
      ]),
    );
    expect(names(kebakaranKabar.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'Pasar Sentral Tanjung Rawa', en: 'Tanjung Rawa Central Market', articles: [kebakaranKabar.id, kebakaranHarian.id] }),
        expect.objectContaining({ id: 'Sumatera Utara', en: 'North Sumatra' }),
        expect.objectContaining({ id: 'Hasan Lubis', en: 'Hasan Lubis' }),
      ]),
    );
  });

  it('puts the most widely reported names first and keeps names to their own group', () => {
    expect(names(longsorWarta.id)[0]!.articles).toHaveLength(3);
    expect(names(longsorWarta.id).map((n) => n.id)).not.toContain('Pasar Sentral Tanjung Rawa');
    expect(names(longsorBanjarsari.id).map((n) => [n.id, n.en])).toEqual(expect.arrayContaining([['Jawa Tengah', 'Central Java'], ['Dusun Banjarsari', 'Banjarsari Hamlet']]));
  });

  it('takes no dates, no sentence-initial common words and nothing from titles', () => {
    const all = digest.groups.flatMap((g) => g.names.map((n) => n.id));
    expect(all.length).toBeGreaterThan(15);
    for (const name of all) {
      expect(name).not.toMatch(/^(Senin|Minggu|Jumat|Tim|Tanah|Tujuh|Longsor|Kebakaran|Menurut)\b/);
      expect(name.split(' ').length).toBeGreaterThan(1);
    }
  });
});

describe('averageLinkGroups', () => {
  it('does not chain A–B–C when A and C have nothing in common', () => {
    const sim = [
      [1, 0.6, 0],
      [0.6, 1, 0.5],
      [0, 0.5, 1],
    ];
    expect(averageLinkGroups(sim, 0.3)).toEqual([[0, 1], [2]]);
    expect(averageLinkGroups(sim, 0.2)).toEqual([[0, 1, 2]]);
  });

  it('leaves everything apart below the threshold', () => {
    expect(averageLinkGroups([[1, 0.29], [0.29, 1]], 0.3)).toEqual([[0], [1]]);
  });
});

describe('figures', () => {
  it('reads quantities, scales them, and skips years, dates and times', () => {
    expect([...figures('Kerugian Rp 25,5 miliar pada Minggu (3/11/2024) pukul 21.00 WIB, tahun 2024.')]).toEqual(['25500000000']);
    expect([...figures('menembus 5 juta orang')]).toEqual([...figures('mencapai 5.000.000 penumpang')]);
    expect([...figures('Tujuh warga meninggal dan dua orang dicari; 120 kios')]).toEqual(['7 warga', '2 orang', '120']);
  });
});

describe('digestMarkdown', () => {
  it('has one section per group, English first: linked summaries, names and articles', () => {
    const digest = buildDigest(corpus());
    const md = digestMarkdown(digest);
    expect(md.match(/^## /gm)).toHaveLength(digest.groups.length);
    expect(md).toContain('7 articles in 4 groups');
    expect(md).toContain('| Karangsari Village | Desa Karangsari | 3 |');
    for (const group of digest.groups) expect(md).toContain(`## ${markdownText(group.title.en ?? group.title.id)}\n`);
    for (const s of digest.groups[0]!.summary) {
      const outlet = digest.groups[0]!.articles.find((a) => a.id === s.article)!.outlet!;
      expect(md).toContain(`- ${markdownText(s.translation)}  \n  Indonesian: ${markdownText(s.source)}  \n  <sub>[${markdownText(outlet)}, ¶${s.paragraph}](articles/${s.article}.md#${s.sentence.split('#')[1]})</sub>`);
    }
    expect(md).toContain(`(articles/${kebakaranHarian.id}.md) · Harian Cakrawala · date unknown`);
    expect(md).toContain('**Translation quality flags**');
  });
});

describe('digest.md with hostile input', () => {
  it('renders every title, outlet, name and sentence as text in a standard Markdown renderer', () => {
    for (const hostile of HOSTILE_TEXTS) {
      const documents = corpus().map((doc) => ({
        ...doc,
        metadata: { ...doc.metadata, title: `${doc.metadata.title} ${hostile}`, outlet: `${doc.metadata.outlet ?? 'Kabar'} ${hostile}` },
        sentences: doc.sentences.map((s) => ({ ...s, source: `${s.source} ${hostile}`, translation: `${s.translation} ${hostile}` })),
        summary: { ...doc.summary, sentences: doc.summary.sentences.map((s) => ({ ...s, source: `${s.source} ${hostile}`, translation: `${s.translation} ${hostile}` })) },
      }));
      const digest = buildDigest(documents);
      expectSafeMarkdown(digestMarkdown(digest), [digest.groups[0]!.title.id, digest.groups[0]!.summary[0]!.source, digest.groups[0]!.outlets[0]!]);
    }
  });
});

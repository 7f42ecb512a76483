import { markdownText } from '../../src/io/markdown.ts';
import { HOSTILE_TEXTS, expectSafeMarkdown } from '../stages/render/markdown-safety.ts';
import { describe, expect, it } from 'vitest';
import { buildDigest, digestMarkdown, type DigestGroup } from '../../src/digest/digest.ts';
import { ENTITIES_PER_TYPE, groupEntities, type DigestEntity } from '../../src/digest/entities.ts';
import { nameKey } from '../../src/text/entities/variants.ts';
import type { ArticleEntity, ArticleMetadata } from '../../src/types.ts';
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

describe('people, organisations and places per event', () => {
  const digest = buildDigest(corpus());
  const group = (articleId: string) => groupWith(digest.groups, articleId);
  const pairs = (list: DigestEntity[]) => list.map((e) => [e.en, e.id]);

  it('lists each type apart, English first with the Indonesian beside it, from the articles’ entities', () => {
    const landslide = group(longsorWarta.id);
    expect(landslide.places).toContainEqual({ en: 'Karangsari Village', id: 'Desa Karangsari', mentions: 3, articles: [longsorWarta.id, longsorKabar.id, longsorHarian.id] });
    expect(pairs(landslide.places)).toEqual(expect.arrayContaining([['Sumedang Kidul Regency', 'Kabupaten Sumedang Kidul'], ['West Java', 'Jawa Barat']]));
    expect(pairs(landslide.people)).toEqual(expect.arrayContaining([['Asep Mulyana', 'Asep Mulyana'], ['Rina Hartati', 'Rina Hartati'], ['Dedi Kurniawan', 'Dedi Kurniawan']]));
    expect(landslide.organisations.map((e) => e.id)).toContain('BPBD');
    const fire = group(kebakaranKabar.id);
    expect(fire.places).toContainEqual(expect.objectContaining({ en: 'Tanjung Rawa Central Market', id: 'Pasar Sentral Tanjung Rawa', articles: [kebakaranKabar.id, kebakaranHarian.id] }));
    expect(pairs(fire.people)).toEqual(expect.arrayContaining([['Hasan Lubis', 'Hasan Lubis']]));
    expect(fire.organisations.map((e) => e.id)).toContain('Dinas Pemadam Kebakaran Kota Tanjung Rawa');
    // A name is in one list only, and each event keeps to its own names.
    for (const g of digest.groups) {
      const ids = [...g.people, ...g.organisations, ...g.places].map((e) => nameKey(e.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(landslide.places.map((e) => e.id)).not.toContain('Pasar Sentral Tanjung Rawa');
    expect(fire.places.map((e) => e.id)).not.toContain('Desa Karangsari');
  });

  it('puts the most mentioned first in each list', () => {
    for (const g of digest.groups) {
      for (const list of [g.people, g.organisations, g.places]) {
        const mentions = list.map((e) => e.mentions);
        expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
      }
    }
  });

  it('counts the mentions of the articles’ entities', () => {
    const landslide = group(longsorWarta.id);
    const documents = corpus().filter((d) => landslide.articles.some((a) => a.id === d.id));
    const mentionsOf = (id: string) => documents.flatMap((d) => d.entities ?? []).filter((e) => e.text === id).reduce((n, e) => n + e.mentions.length, 0);
    for (const entity of [...landslide.people, ...landslide.places]) expect(entity.mentions).toBe(mentionsOf(entity.id) || entity.mentions);
    expect(landslide.places.find((e) => e.id === 'Desa Karangsari')!.mentions).toBe(mentionsOf('Desa Karangsari'));
  });
});

describe('groupEntities', () => {
  const person = (text: string, en: string | null, mentions = 1, role: string | null = null): ArticleEntity => ({
    type: 'PERSON',
    text,
    en,
    role,
    mentions: Array.from({ length: mentions }, (_, k) => ({ sentence: `x#p1s${k + 1}`, start: 0, end: text.length })),
  });
  const place = (text: string, en: string | null, mentions = 1): ArticleEntity => ({ ...person(text, en, mentions), type: 'PLACE' });

  it('merges variants across articles: transliteration, hyphenation, a dropped middle initial, a surname alone', () => {
    const lists = groupEntities([
      { article: 'a', entities: [person('Naryshkin', null, 2), person('Kim Jong Un', 'Kim Jong Un', 2)] },
      { article: 'b', entities: [person('Sergei E Naryshkin', 'Sergei E Naryshkin', 1, 'Direktur SVR'), person('Kim Jong-un', 'Kim Jong-un', 3)] },
      { article: 'c', entities: [person('Sergey Naryshkin', 'Sergey Naryshkin', 2), place('Pyongyang', 'Pyongyang', 4)] },
    ]);
    expect(lists.people).toEqual([
      { en: 'Sergey Naryshkin', id: 'Sergey Naryshkin', role: 'Direktur SVR', mentions: 5, articles: ['a', 'b', 'c'] },
      { en: 'Kim Jong-un', id: 'Kim Jong-un', mentions: 5, articles: ['a', 'b'] },
    ]);
    expect(lists.places).toEqual([{ en: 'Pyongyang', id: 'Pyongyang', mentions: 4, articles: ['c'] }]);
    expect(lists.organisations).toEqual([]);
  });

  it('keeps the ten most mentioned of each type and shows the Indonesian form when no English one was found', () => {
    const people = Array.from({ length: 12 }, (_, k) => person(`Orang Nomor${String.fromCharCode(65 + k)}`, null, k + 1));
    const lists = groupEntities([{ article: 'a', entities: [...people, place('Kota Ambon', null)] }]);
    expect(lists.people).toHaveLength(ENTITIES_PER_TYPE);
    expect(lists.people.map((e) => e.mentions)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(lists.places).toEqual([{ en: 'Kota Ambon', id: 'Kota Ambon', mentions: 1, articles: ['a'] }]);
  });

  it('gives a name the type most of its mentions have', () => {
    const lists = groupEntities([
      { article: 'a', entities: [{ ...place('Jakarta', 'Jakarta', 1), type: 'ORGANISATION' }] },
      { article: 'b', entities: [place('Jakarta', 'Jakarta', 3)] },
    ]);
    expect(lists.places).toEqual([{ en: 'Jakarta', id: 'Jakarta', mentions: 4, articles: ['a', 'b'] }]);
    expect(lists.organisations).toEqual([]);
  });
});

describe('source addresses', () => {
  const withUrl = (url: unknown) => corpus().map((d) => (d.id === longsorWarta.id ? { ...d, metadata: { ...d.metadata, url } as ArticleMetadata } : d));

  it('lists an article’s metadata.url in digest.json and digest.md', () => {
    const digest = buildDigest(withUrl('https://warta-priangan.example/2024/11/04/longsor-karangsari'));
    const article = digest.groups.flatMap((g) => g.articles).find((a) => a.id === longsorWarta.id)!;
    expect(article.url).toBe('https://warta-priangan.example/2024/11/04/longsor-karangsari');
    expect(digest.groups.flatMap((g) => g.articles).filter((a) => a.url !== undefined)).toHaveLength(1);
    expect(digestMarkdown(digest)).toContain(`(articles/${longsorWarta.id}.md) · Warta Priangan · 4 Nov 2024, 09:20 WIB · [source](<https://warta-priangan.example/2024/11/04/longsor-karangsari>)`);
  });

  it('leaves out an address a reader cannot open safely', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 42, '']) {
      const digest = buildDigest(withUrl(url));
      expect(digest.groups.flatMap((g) => g.articles).every((a) => a.url === undefined)).toBe(true);
      expect(digestMarkdown(digest)).not.toContain('[source]');
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
    expect(md).toContain('### People\n\n| English | Indonesian | mentions | articles |');
    expect(md).toContain('### Places\n\n| English | Indonesian | mentions | articles |\n|---|---|---|---|\n| Karangsari Village | Desa Karangsari | 3 | 3 |');
    expect(md).toContain('### Organisations');
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

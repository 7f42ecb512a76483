/** Roles, English forms and the `names` flag, on sentences written here (the spans given where the test is about what follows the tagger). */
import { describe, expect, it } from 'vitest';
import { alignEnglish, alignMentions } from '../../../src/stages/entities/english.ts';
import { findMentions } from '../../../src/stages/entities/mentions.ts';
import { mergeMentions } from '../../../src/stages/entities/merge.ts';
import { sentencesMissingNames, withNamesFlag } from '../../../src/stages/entities/names-flag.ts';
import type { EntitySpan } from '../../../src/text/entities/index.ts';
import type { TranslatedSentence } from '../../../src/types.ts';

function sentence(id: string, text: string, translation: string, start = 0): TranslatedSentence {
  return { id, block: 1, kind: 'paragraph', start, end: start + text.length, text, translation, score: null, flags: [] };
}

/** Spans at the first occurrence of each given name in the sentence text, longer names first, none overlapping. */
function spansAt(names: Array<[string, EntitySpan['type']]>) {
  return (text: string): EntitySpan[] => {
    const spans: EntitySpan[] = [];
    for (const [name, type] of [...names].sort((a, b) => b[0].length - a[0].length)) {
      const start = text.indexOf(name);
      const end = start + name.length;
      if (start >= 0 && !spans.some((s) => s.start < end && start < s.end)) spans.push({ start, end, type });
    }
    return spans.sort((a, b) => a.start - b.start);
  };
}

describe('roles', () => {
  it('takes the role phrase before a person, across capitalised words and lower-case role words', () => {
    const s1 = sentence('a#p1s1', 'Dalam pertemuan itu, Menteri Keamanan Negara Ri Chang Dae menyampaikan pesan.', '');
    const s2 = sentence('a#p1s2', 'Hal itu dibantah juru bicara Kremlin Dmitry Peskov.', '');
    const mentions = findMentions([s1, s2], spansAt([['Ri Chang Dae', 'PERSON'], ['Dmitry Peskov', 'PERSON']]));
    expect(mentions.map((m) => [m.text, m.role])).toEqual([
      ['Ri Chang Dae', 'Menteri Keamanan Negara'],
      ['Dmitry Peskov', 'juru bicara Kremlin'],
    ]);
  });

  it('moves role words the span starts with to the role and drops a span of role words alone', () => {
    const s = sentence('a#p1s1', 'Presiden Joko Widodo menemui Pak Menteri di Istana.', '');
    const mentions = findMentions([s], spansAt([['Presiden Joko Widodo', 'PERSON'], ['Pak Menteri', 'PERSON']]));
    expect(mentions.map((m) => [m.text, m.role, s.text.slice(m.start, m.end)])).toEqual([['Joko Widodo', 'Presiden', 'Joko Widodo']]);
  });

  it('reads Indonesian paragraphs only', () => {
    const title = { ...sentence('a#p0s1', 'Jokowi di Semarang', ''), kind: 'title' as const };
    const english = { ...sentence('a#p2s1', 'Jokowi in Semarang', ''), language: 'en' as const };
    expect(findMentions([title, english], spansAt([['Jokowi', 'PERSON']]))).toEqual([]);
  });
});

describe('English forms', () => {
  it('finds a variant, a shared word, or pairs the rest in order', () => {
    expect(alignEnglish(['Kim Jong Un'], 'North Korean leader Kim Jong-un arrived.')).toEqual(['Kim Jong-un']);
    expect(alignEnglish(['Kota Semarang'], 'Floods hit Semarang City on Sunday.')).toEqual(['Semarang City']);
    expect(alignEnglish(['Jawa Timur', 'Badan Pangan Nasional'], 'In East Java, the National Food Agency said so.')).toEqual(['East Java', 'National Food Agency']);
    expect(alignEnglish(['Suminto'], 'he said.')).toEqual([null]);
  });

  it('takes a name the translation keeps as it is, as whole words, before any capitalised run', () => {
    const source = 'Menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), air laut pasang.';
    expect(alignEnglish(['Badan Meteorologi, Klimatologi, dan Geofisika', 'BMKG'], source)).toEqual(['Badan Meteorologi, Klimatologi, dan Geofisika', 'BMKG']);
    expect(alignEnglish(['Dinas Pertanian dan Pangan Kabupaten Demak'], 'According to Dinas Pertanian dan Pangan Kabupaten Demak, the harvest began.')).toEqual(['Dinas Pertanian dan Pangan Kabupaten Demak']);
    expect(alignEnglish(['Ambon'], 'Floods hit Ambonese villages and Maluku.')).toEqual([null]);
  });
});

describe('the names flag', () => {
  it('flags a sentence whose translation drops a person or organisation, not one that gives its English form', () => {
    const kept = sentence('a#p1s1', 'Kepala BNPB Suharyanto meninjau lokasi.', 'BNPB head Suharyanto visited the site.');
    const dropped = sentence('a#p1s2', 'Suharyanto mengatakan OJK ikut membantu.', 'He said the financial authority helped.', 50);
    const place = sentence('a#p1s3', 'Hujan turun di Jawa Timur.', 'It rained in East Java.', 100);
    const article = { text: ' '.repeat(150), sentences: [kept, dropped, place] };
    const spans = spansAt([['BNPB', 'ORGANISATION'], ['Suharyanto', 'PERSON'], ['OJK', 'ORGANISATION'], ['Jawa Timur', 'PLACE']]);
    const mentions = findMentions(article.sentences, spans).map((m) => ({ ...m, en: null }));
    article.text = article.sentences.reduce((text, s) => text.slice(0, s.start) + s.text + text.slice(s.end), article.text);
    const entities = mergeMentions(mentions);
    const missing = sentencesMissingNames(article, entities);
    expect([...missing]).toEqual(['a#p1s2']);
    const flagged = withNamesFlag(article.sentences, missing);
    expect(flagged.map((s) => s.flags)).toEqual([[], ['names'], []]);
    expect(withNamesFlag(flagged, missing)[1]!.flags).toEqual(['names']);
  });
});

describe('merging mentions into entities', () => {
  it('merges variants, keeps the fullest spelling as canonical and orders by mentions', () => {
    const s1 = sentence('a#p1s1', 'Pemimpin Korea Utara Kim Jong Un menerima Sergei E. Naryshkin.', 'North Korean leader Kim Jong-un received Sergei E. Naryshkin.');
    const s2 = sentence('a#p1s2', 'Kim Jong-un berbicara dengan Sergey Naryshkin.', 'Kim Jong-un spoke with Sergey Naryshkin.', 70);
    const s3 = sentence('a#p1s3', 'Naryshkin tiba di Pyongyang.', 'Naryshkin arrived in Pyongyang.', 120);
    const spans = spansAt([['Korea Utara', 'PLACE'], ['Kim Jong Un', 'PERSON'], ['Kim Jong-un', 'PERSON'], ['Sergei E. Naryshkin', 'PERSON'], ['Sergey Naryshkin', 'PERSON'], ['Naryshkin', 'PERSON'], ['Pyongyang', 'PLACE']]);
    const mentions = alignMentions(findMentions([s1, s2, s3], spans));
    const entities = mergeMentions(mentions);
    expect(entities.map((e) => [e.type, e.text, e.en, e.role, e.mentions.map((m) => m.sentence)])).toEqual([
      ['PERSON', 'Sergei E. Naryshkin', 'Sergei E. Naryshkin', null, ['a#p1s1', 'a#p1s2', 'a#p1s3']],
      ['PERSON', 'Kim Jong Un', 'Kim Jong-un', 'Pemimpin Korea Utara', ['a#p1s1', 'a#p1s2']],
      ['PLACE', 'Korea Utara', 'North Korean', null, ['a#p1s1']],
      ['PLACE', 'Pyongyang', 'Pyongyang', null, ['a#p1s3']],
    ]);
    expect(entities[3]!.mentions[0]).toEqual({ sentence: 'a#p1s3', start: 120 + s3.text.indexOf('Pyongyang'), end: 120 + s3.text.indexOf('Pyongyang') + 9 });
  });
});

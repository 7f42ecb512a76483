/**
 * Group summaries tell a fact once, however it is worded: one invented event (an intelligence chief's
 * visit) from three outlets, two of which state the visit and its purpose in different words.
 */
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/digest.ts';
import { GROUPING } from '../../src/digest/group.ts';
import { contentTerms, cosine, tfidf } from '../../src/stages/summarize/text-features.ts';
import { scanDocuments } from '../../src/digest/features.ts';
import { corpus, documentOf } from './fixtures.ts';

const kabar = documentOf({
  id: 'kunjungan-kabar',
  metadata: { outlet: 'Kabar Nusantara', published: '2024-03-12T10:00:00+07:00' },
  title: ['Kepala BIN Arya Wiratama Kunjungi Pyongyang', 'BIN Chief Arya Wiratama Visits Pyongyang'],
  paragraphs: [
    [['Kepala Badan Intelijen Negara Arya Wiratama mengunjungi Pyongyang pada Selasa untuk membahas kerja sama keamanan.', 'State Intelligence Agency chief Arya Wiratama visited Pyongyang on Tuesday to discuss security cooperation.']],
    [['Arya Wiratama bertemu Menteri Keamanan Negara Korea Utara Ri Chol Ho di ibu kota itu.', 'Arya Wiratama met North Korean State Security Minister Ri Chol Ho in the capital.']],
    [['Kunjungan Arya Wiratama ke Pyongyang berlangsung selama tiga hari.', "Arya Wiratama's visit to Pyongyang lasted three days."]],
  ],
});

const warta = documentOf({
  id: 'kunjungan-warta',
  metadata: { outlet: 'Warta Priangan', published: '2024-03-12T14:30:00+07:00' },
  title: ['Arya Wiratama Tiba di Pyongyang', 'Arya Wiratama Arrives in Pyongyang'],
  paragraphs: [
    [['Arya Wiratama, pemimpin Badan Intelijen Negara, tiba di Pyongyang pada Selasa dengan pesawat khusus dan berbicara soal kerja sama keamanan dengan para pejabat setempat di gedung pemerintah, sebelum menghadiri jamuan makan malam kenegaraan.', 'Arya Wiratama, head of the State Intelligence Agency, arrived in Pyongyang on Tuesday on a special plane and talked about security cooperation with local officials at the government building, before attending a state dinner.']],
    [['Delegasi Badan Intelijen Negara membawa dua belas pejabat dari berbagai lembaga ke Pyongyang.', 'The State Intelligence Agency delegation brought twelve officials from various institutions to Pyongyang.']],
    [['Pemerintah Korea Utara menyambut Arya Wiratama dengan upacara resmi di bandara.', 'The North Korean government welcomed Arya Wiratama with an official ceremony at the airport.']],
  ],
});

const harian = documentOf({
  id: 'kunjungan-harian',
  metadata: { outlet: 'Harian Cakrawala', published: '2024-03-13T08:00:00+07:00' },
  title: ['Pertemuan Intelijen di Pyongyang Bahas Terorisme', 'Intelligence Meeting in Pyongyang Discusses Terrorism'],
  paragraphs: [
    [['Pertemuan Arya Wiratama di Pyongyang membahas pertukaran informasi tentang terorisme dan kejahatan siber.', "Arya Wiratama's meeting in Pyongyang discussed the exchange of information on terrorism and cybercrime."]],
    [['Kementerian Luar Negeri menyatakan kunjungan Arya Wiratama tidak terkait program nuklir Korea Utara.', "The Foreign Ministry said Arya Wiratama's visit was unrelated to North Korea's nuclear programme."]],
    [['Arya Wiratama dijadwalkan kembali ke Jakarta pada Jumat.', 'Arya Wiratama is scheduled to return to Jakarta on Friday.']],
  ],
});

describe('a group summary', () => {
  const documents = [...corpus(), kabar, warta, harian];
  const digest = buildDigest(documents);
  const visit = digest.groups.find((g) => g.articles.some((a) => a.id === kabar.id))!;
  const sameFact = [`${kabar.id}#p1s1`, `${warta.id}#p1s1`];

  it('is made from the three outlets, and both wordings of the visit are candidates', () => {
    expect(visit.articles.map((a) => a.id).sort()).toEqual([harian.id, kabar.id, warta.id].sort());
    for (const [doc, id] of [[kabar, sameFact[0]], [warta, sameFact[1]]] as const) expect(doc.summary.sentences.map((s) => s.id)).toContain(id);
    // The two wordings are far apart by cosine: the old rule alone let both through.
    const idf = scanDocuments(documents).sentenceIdf;
    const [a, b] = sameFact.map((id) => tfidf(contentTerms(documents.flatMap((d) => d.sentences).find((s) => s.id === id)!.source), idf));
    expect(cosine(a!, b!)).toBeLessThan(GROUPING.redundantCosine);
  });

  it('keeps only one of two sentences that state the same fact in different words', () => {
    const taken = visit.summary.map((s) => s.sentence);
    expect(taken.filter((id) => sameFact.includes(id))).toHaveLength(1);
    // Sentences that add a fact are still there, from every outlet.
    expect(new Set(visit.summary.map((s) => s.article))).toEqual(new Set([kabar.id, warta.id, harian.id]));
    expect(taken.length).toBeGreaterThanOrEqual(3);
  });
});

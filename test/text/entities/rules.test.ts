/** The gazetteer rules on spans given to them, so each rule's reach is seen apart from the model. */
import { describe, expect, it } from 'vitest';
import type { EntitySpan } from '../../../src/text/entities/index.ts';
import { refineSpans } from '../../../src/text/entities/rules.ts';
import { tokenize } from '../../../src/text/entities/tokens.ts';

const COMMON = new Set(['menerima', 'kecamatan', 'desa', 'di', 'yang', 'datang', 'i', 'pulau', 'menengah', 'atas', 'keamanan', 'negara']);

/** `spans` as `TYPE:words` over `text`, refined, and shown the same way. */
function refined(text: string, spans: string[]): string[] {
  let from = 0;
  const given: EntitySpan[] = spans.map((span) => {
    const [type, words] = span.split(':') as [EntitySpan['type'], string];
    const start = text.indexOf(words, from);
    from = start + words.length;
    return { start, end: start + words.length, type };
  });
  return refineSpans(tokenize(text), given, COMMON).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);
}

describe('refineSpans', () => {
  it('splits a span at a common lower-case word', () => {
    expect(refined('Kim Jong Un menerima Sergei Naryshkin kemarin.', ['PERSON:Kim Jong Un menerima Sergei Naryshkin'])).toEqual(['PERSON:Kim Jong Un', 'PERSON:Sergei Naryshkin']);
  });

  it('keeps lower-case head words, one- and two-letter words and words after a hyphen inside the span', () => {
    expect(refined('Ia lahir di desa Sempolan kecamatan Silo.', ['PLACE:desa Sempolan kecamatan Silo'])).toEqual(['PLACE:desa Sempolan kecamatan Silo']);
    expect(refined('Pelatihnya Josep Guardiola i Sala.', ['PERSON:Josep Guardiola i Sala'])).toEqual(['PERSON:Josep Guardiola i Sala']);
    expect(refined('Bandara itu ada di Kecamatan Pulau - pulau Batu.', ['PLACE:Kecamatan Pulau - pulau Batu'])).toEqual(['PLACE:Kecamatan Pulau - pulau Batu']);
  });

  it('joins an organisation across "dan" after its head word', () => {
    expect(refined('Kementerian Pendidikan dan Kebudayaan menolak.', ['ORGANISATION:Kementerian Pendidikan', 'ORGANISATION:Kebudayaan'])).toEqual(['ORGANISATION:Kementerian Pendidikan dan Kebudayaan']);
  });

  it('ends an organisation at "dan" before another head, a role or an acronym: two names, not one', () => {
    expect(refined('Partai Golkar dan PKS menolak.', ['ORGANISATION:Partai Golkar', 'ORGANISATION:PKS'])).toEqual(['ORGANISATION:Partai Golkar', 'ORGANISATION:PKS']);
    expect(refined('Partai Nasional Demokrat dan Partai Hijau Raya menolak.', ['ORGANISATION:Partai Nasional Demokrat'])).toEqual(['ORGANISATION:Partai Nasional Demokrat', 'ORGANISATION:Partai Hijau Raya']);
    expect(refined('Komisi Hukum DPR dan Ketua Fraksi Demokrat hadir.', [])).toEqual(['ORGANISATION:Komisi Hukum DPR']);
  });

  it('keeps the organisation the tagger found after a head it found nothing at: the words before it name a body of it', () => {
    expect(refined('Ia anggota Dewan Pembina Partai Demokrat sejak itu.', ['ORGANISATION:Partai Demokrat'])).toEqual(['ORGANISATION:Partai Demokrat']);
    expect(refined('Ia anggota Badan Kehormatan DPR sejak itu.', ['ORGANISATION:DPR'])).toEqual(['ORGANISATION:DPR']);
  });

  it('makes the long form an acronym in brackets spells one name, commas and "dan" included, typed as the tagger typed its first word', () => {
    expect(refined('Menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), air laut pasang.', ['ORGANISATION:Badan Meteorologi', 'PERSON:Geofisika', 'ORGANISATION:BMKG'])).toEqual([
      'ORGANISATION:Badan Meteorologi, Klimatologi, dan Geofisika',
      'ORGANISATION:BMKG',
    ]);
    expect(refined('Ia kuliah di Universitas Ahmad Dahlan (UAD) dulu.', ['ORGANISATION:Universitas', 'PERSON:Ahmad Dahlan'])).toEqual(['ORGANISATION:Universitas Ahmad Dahlan']);
    expect(refined('Mereka mendirikan Jong Sumatranen Bond (JSB) di Jakarta.', ['PERSON:Sumatranen Bond'])).toEqual(['PERSON:Jong Sumatranen Bond']);
  });

  it('leaves a bracketed acronym alone where the words before it do not spell it, or hold no name the tagger found', () => {
    expect(refined('Pemain Persib Bandung (PSB) datang.', ['ORGANISATION:Persib Bandung'])).toEqual(['ORGANISATION:Persib Bandung']);
    expect(refined('Ia bekerja di kantor pajak (DJP) kota itu.', [])).toEqual([]);
    expect(refined('Ia menjadi Pegawai Negeri Sipil (PNS) di sana.', [])).toEqual([]);
  });

  it('makes a run opened by an organisation head one organisation where the tagger found nothing at the head', () => {
    expect(refined('Menurut Dinas Pemadam Kebakaran Kota Tanjung Rawa, api padam.', ['PLACE:Kota Tanjung Rawa'])).toEqual(['ORGANISATION:Dinas Pemadam Kebakaran Kota Tanjung Rawa']);
  });

  it('takes a head followed by common words only for a kind of institution, no name', () => {
    expect(refined('Ia lulus dari Sekolah Menengah Atas tahun itu.', [])).toEqual([]);
  });

  it('leaves the tagger its boundary in a run opened by an organisation head without "dan"', () => {
    expect(refined('Ia bekerja di Kantor Pendidikan Mangkunegaran Surakarta.', ['ORGANISATION:Kantor Pendidikan Mangkunegaran', 'PLACE:Surakarta'])).toEqual([
      'ORGANISATION:Kantor Pendidikan Mangkunegaran',
      'PLACE:Surakarta',
    ]);
  });

  it('after a role, finds the person in untagged words but does not retype a place the tagger found there', () => {
    expect(refined('Bupati Warsito Hadi datang.', [])).toEqual(['PERSON:Warsito Hadi']);
    expect(refined('Bupati Parigi Moutong datang.', ['PLACE:Parigi Moutong'])).toEqual(['PLACE:Parigi Moutong']);
  });

  it("after a role with its short form in brackets, still finds the person ending the run", () => {
    expect(refined('Kunjungan Menteri Luar Negeri (Menlu) Korea Utara Choe Son Hui ke Moskow.', ['PLACE:Korea Utara Choe Son Hui', 'PLACE:Moskow'])).toEqual([
      'PLACE:Korea Utara',
      'PERSON:Choe Son Hui',
      'PLACE:Moskow',
    ]);
  });

  it('after a role, widens a person the tagger found ending the run to the name-like words before it', () => {
    expect(refined('Kemarin Menteri Keamanan Negara Ri Chang Dae datang.', ['PERSON:Chang Dae'])).toEqual(['PERSON:Ri Chang Dae']);
  });

  it("gives a person the capitalised uncommon words right before it, but not a sentence's first word, a dictionary word, another name's word or a head's word", () => {
    expect(refined('Menurut Ri Chang Dae, rapat selesai.', ['PERSON:Chang Dae'])).toEqual(['PERSON:Ri Chang Dae']);
    expect(refined('Ri Chang Dae datang.', ['PERSON:Chang Dae'])).toEqual(['PERSON:Chang Dae']);
    expect(refined('Menurut Pelatih Chang Dae, rapat selesai.', ['PERSON:Chang Dae'])).toEqual(['PERSON:Chang Dae']);
    expect(refined('Warga Bitung Chang Dae datang.', ['PLACE:Bitung', 'PERSON:Chang Dae'])).toEqual(['PLACE:Bitung', 'PERSON:Chang Dae']);
    expect(refined('Ia ke Desa Ri Chang Dae kemarin.', ['PERSON:Chang Dae'])).toEqual(['PERSON:Chang Dae']);
  });
});

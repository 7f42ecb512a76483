/** The committed tagger on news sentences written for these tests. */
import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../../src/text/entities/index.ts';
import { tokenize } from '../../../src/text/entities/tokens.ts';
import { findMentions } from '../../../src/stages/entities/mentions.ts';

/** The people of a sentence with their roles, through the tagger and the entities stage's role split. */
const people = (text: string) =>
  findMentions([{ id: 'a#p1s1', block: 1, kind: 'paragraph', start: 0, end: text.length, text, translation: '', score: null, flags: [] }], (t) => recognizeEntities(t))
    .filter((m) => m.type === 'PERSON')
    .map((m) => [m.text, m.role]);

const named = (text: string) => recognizeEntities(text).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

describe('recognizeEntities', () => {
  it('finds one-word names: an agency acronym, a news agency, a person, cities', () => {
    expect(named('Pengawasan bank dilakukan oleh OJK sejak tahun lalu.')).toEqual(['ORGANISATION:OJK']);
    expect(named('Laporan itu dirilis oleh KCNA pada Selasa pagi.')).toEqual(['ORGANISATION:KCNA']);
    expect(named('Menurut Suminto, harga beras di pasar naik dua kali lipat.')).toEqual(['PERSON:Suminto']);
    expect(named('Ia lahir di Surabaya dan besar di Bandung.')).toEqual(['PLACE:Surabaya', 'PLACE:Bandung']);
  });

  it('keeps "dan" inside an organisation name', () => {
    expect(named('Gedung Kementerian Pendidikan dan Kebudayaan terletak di Jakarta.')).toEqual(['ORGANISATION:Kementerian Pendidikan dan Kebudayaan', 'PLACE:Jakarta']);
  });

  it('keeps initials and hyphens inside a person name', () => {
    expect(named('Surat itu ditandatangani oleh Andi S. Wibowo dan Sergei E. Naryshkin.')).toEqual(['PERSON:Andi S. Wibowo', 'PERSON:Sergei E. Naryshkin']);
    expect(named('Pemimpin Korea Utara Kim Jong-un menyambut rombongan dari Moskow.')).toEqual(['PLACE:Korea Utara', 'PERSON:Kim Jong-un', 'PLACE:Moskow']);
  });

  it('leaves role words out of the name and a company name starts at its legal form', () => {
    expect(named('Kapolri Jenderal Listyo Sigit Prabowo meninjau lokasi banjir di Kabupaten Garut.')).toEqual(['PERSON:Listyo Sigit Prabowo', 'PLACE:Kabupaten Garut']);
    expect(named('Direktur Utama PT Pertamina (Persero) Nicke Widyawati hadir dalam acara tersebut.')).toEqual(['ORGANISATION:PT Pertamina', 'PERSON:Nicke Widyawati']);
  });

  it('finds the person a role phrase with its portfolio or office ends in', () => {
    expect(people('Dalam pertemuan itu, Menteri Keamanan Negara Ri Chang Dae menyampaikan pesan.')).toEqual([['Ri Chang Dae', 'Menteri Keamanan Negara']]);
    expect(people('Kepala Pasar Kota Mataram Gede Wirasena meninjau kios.')).toEqual([['Gede Wirasena', 'Kepala Pasar Kota Mataram']]);
    expect(people('Menurut Ketua Panitia Pemilihan Umum Kabupaten Sleman Darmanto Wijoyo, hasil penghitungan selesai.')).toEqual([['Darmanto Wijoyo', 'Ketua Panitia Pemilihan Umum Kabupaten Sleman']]);
    expect(people('Sekretaris Dinas Pendidikan Provinsi Bengkulu Eri Yulian Hidayat membuka acara itu.')).toEqual([['Eri Yulian Hidayat', 'Sekretaris Dinas Pendidikan Provinsi Bengkulu']]);
    // A role followed by its office alone names no one.
    expect(people('Kepala Desa Sukamaju meminta warga waspada.')).toEqual([]);
    expect(people('Menteri Luar Negeri menghadiri rapat di Jakarta.')).toEqual([]);
  });

  it('finds nothing in a sentence without names', () => {
    expect(recognizeEntities('Warga desa itu mengungsi ke balai desa setelah gempa.')).toEqual([]);
  });

  it('gives spans on token boundaries of the text it was given', () => {
    const text = '  "Kami siap," kata Ganjar Pranowo di Semarang, Jawa Tengah.';
    const starts = new Set(tokenize(text).map((t) => t.start));
    const ends = new Set(tokenize(text).map((t) => t.end));
    const spans = recognizeEntities(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(starts.has(span.start) && ends.has(span.end)).toBe(true);
      expect(text.slice(span.start, span.end)).not.toMatch(/^\s|\s$/);
    }
  });
});

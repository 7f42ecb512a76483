import { describe, expect, it } from 'vitest';
import { copyrightHolder, creditSource, outletIn } from '../../../src/stages/clean/article-metadata.ts';
import { isPersonName, readByline } from '../../../src/stages/clean/byline.ts';
import { isProse, lineFeatures, promptEvidence } from '../../../src/stages/clean/features.ts';
import { findOutlet, isOutlet, latestDateInText, readDateLine } from '../../../src/stages/clean/metadata.ts';

describe('date lines with prefixes', () => {
  it('reads a date after an outlet, a bullet or a lead word, and tells an update from the publication', () => {
    expect(readDateLine('GarutNews.id - 05/05/2022, 19:37 WIB')).toEqual({ iso: '2022-05-05T19:37:00+07:00', update: false });
    expect(readDateLine('• Jumat, 18 Desember 2020')).toEqual({ iso: '2020-12-18', update: false });
    expect(readDateLine('Jumat, 18 Desember 2020 – 19:05 WIB')).toEqual({ iso: '2020-12-18T19:05:00+07:00', update: false });
    expect(readDateLine('Diperbarui: Senin, 5 Agt 2024 08:00 WITA')).toEqual({ iso: '2024-08-05T08:00:00+08:00', update: true });
    expect(readDateLine('12 June 2024, 16:05 WIB')).toEqual({ iso: '2024-06-12T16:05:00+07:00', update: false });
    expect(readDateLine('Published: 2024-06-12 16:05')).toEqual({ iso: '2024-06-12T16:05:00+07:00', update: false });
    expect(readDateLine('June 12, 2024 4:05 WITA')).toEqual({ iso: '2024-06-12T04:05:00+08:00', update: false });
  });

  it('refuses a sentence that starts with a date', () => {
    expect(readDateLine('Senin, 3 Juni 2024, warga mulai mengungsi ke balai desa.')).toBeUndefined();
    expect(readDateLine('Rapat digelar 3 Juni 2024')).toBeUndefined();
  });
});

describe('body dates', () => {
  it('passes over a date far after every other date of the body', () => {
    expect(latestDateInText('Banjir terjadi 3 Juni 2024. Warga kembali pada 5/6/2024. Tanggul selesai pada 1 Desember 2030.')).toBe('2024-06-05');
    expect(latestDateInText('Sidang pada 3 Juni 2024 dilanjutkan 20 Juli 2024.')).toBe('2024-07-20');
  });
});

describe('outlets', () => {
  it('finds listed outlets by name, alias, domain or channel, and unlisted ones by shape', () => {
    expect(findOutlet('TRIBUN-BALI.COM')?.name).toBe('Tribun-Bali.com');
    expect(findOutlet('kumparanSPORT')?.name).toBe('kumparan');
    expect(findOutlet('antaranews.com')?.name).toBe('ANTARA');
    for (const name of ['BeritaGarut.com', 'kabarSUMBAR', 'GTV Indonesia', 'Priangan News']) expect(isOutlet(name), name).toBe(true);
    for (const name of ['Kabupaten Garut', 'BPBD', 'Rudi Hartanto']) expect(isOutlet(name), name).toBe(false);
  });

  it('reads the outlet from credits, copyright lines and mentions', () => {
    expect(creditSource('Warga antre di posko. (GarutNews.id/Asep Supriatna)')).toBe('GarutNews.id');
    expect(creditSource('Warga antre di posko. Foto: Asep Supriatna/garutnews')).toBe('garutnews');
    expect(creditSource('Warga antre di posko. (AFP/Juan Carlos)')).toBeUndefined();
    expect(copyrightHolder('Copyright © 2024 Harian Priangan. All rights reserved.')).toBe('Harian Priangan');
    expect(outletIn('Follow Berita Okezone di Google News')).toBe('Okezone');
    expect(outletIn('Warga bercerita kepada VOA di lokasi', true)).toBe('VOA');
    expect(outletIn('seperti dilansir Reuters dan dikutip CNN', true)).toBeUndefined();
  });
});

describe('bylines', () => {
  it('reads the author from labelled and unlabelled shapes', () => {
    expect(readByline('Penulis: Kontributor Garut, Asep Supriatna')).toEqual({ author: 'Asep Supriatna' });
    expect(readByline('Rep: Dwi Santoso/ Red: Agus Salim')).toEqual({ author: 'Dwi Santoso' });
    expect(readByline('Oleh Neneng Rahayu')).toEqual({ author: 'Neneng Rahayu' });
    expect(readByline('Asep Supriatna | GarutNews.id')).toEqual({ author: 'Asep Supriatna', outlet: 'GarutNews.id' });
    expect(readByline('Asep Supriatna , Jurnalis-Senin, 3 Juni 2024 |10:15 WIB')).toEqual({ author: 'Asep Supriatna', published: '2024-06-03T10:15:00+07:00' });
    expect(readByline('Tim | GarutNews.id')).toEqual({ outlet: 'GarutNews.id' });
    expect(readByline('Penulis')).toEqual({ labelOnly: 'author' });
    expect(readByline('Asep Supriatna', true)).toEqual({ author: 'Asep Supriatna' });
  });

  it('does not read bylines into sentences or into a bare name outside the header', () => {
    expect(readByline('Oleh karena itu, warga diminta waspada.')).toBeUndefined();
    expect(readByline('Asep Supriatna')).toBeUndefined();
    expect(isPersonName('Pemerintah dan Warga')).toBe(false);
    expect(readByline('Kota Bandung', true)).toBeUndefined();
    expect(readByline('Hasil Hitung Cepat', true)).toBeUndefined();
    expect(isPersonName('ni made ayu lestari', true)).toBe(true);
  });
});

describe('line features', () => {
  it('tells prose from furniture and weighs prompt wording', () => {
    expect(isProse(lineFeatures('Sanksi berlaku bulan depan.'))).toBe(true);
    expect(isProse(lineFeatures('Jakarta Selatan'))).toBe(false);
    expect(isProse(lineFeatures('Polisi masih memburu pemasok, tandasnya.(fat/jpnn)'))).toBe(true);
    expect(promptEvidence(lineFeatures('Simak berita dan artikel lainnya di Google News'))).toBe(true);
    expect(promptEvidence(lineFeatures('Konten Premium'))).toBe(true);
    expect(promptEvidence(lineFeatures('Iklan kampanye di ruang publik hanya boleh dipasang di titik yang ditentukan.'))).toBe(false);
  });
});

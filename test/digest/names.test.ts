import { describe, expect, it } from 'vitest';
import { alignNames, englishForms, indonesianNames, lowercaseVocabulary } from '../../src/digest/names.ts';

const vocabulary = lowercaseVocabulary(['warga kota mengungsi', 'stasiun baru dibuka', 'kepala desa']);
const english = lowercaseVocabulary(['the head of the city said', 'residents of the village']);

describe('indonesianNames', () => {
  it('finds runs of capitalised words, broken by punctuation', () => {
    expect(indonesianNames('Banjir merendam rumah di Kota Semarang, Jawa Tengah, sejak malam.', vocabulary)).toEqual(['Kota Semarang', 'Jawa Tengah']);
    expect(indonesianNames('Direktur PT Sinar Baru Abadi, Andi S. Wibowo, membantah.', vocabulary)).toEqual(['Direktur PT Sinar Baru Abadi', 'Andi S. Wibowo']);
  });

  it('drops leading stopwords, dates and sentence-initial common words; single words are not names', () => {
    expect(indonesianNames('Menurut BPBD Sumedang Kidul, hujan turun.', vocabulary)).toEqual(['BPBD Sumedang Kidul']);
    expect(indonesianNames('Rapat digelar Kamis Sore Hari di Gedung Sate pada Senin.', vocabulary)).toEqual(['Sore Hari', 'Gedung Sate']);
    expect(indonesianNames('Warga Semarang mengungsi.', vocabulary)).toEqual([]);
    expect(indonesianNames('Stasiun Karawang dibuka.', vocabulary)).toEqual([]);
    expect(indonesianNames('Bupati Rina Hartati hadir.', vocabulary)).toEqual(['Bupati Rina Hartati']);
    expect(indonesianNames('"Kami Siap," kata Hendra di Jakarta.', vocabulary)).toEqual([]);
  });
});

describe('alignNames', () => {
  it('keeps a name the translation repeats', () => {
    expect(alignNames(['Asep Mulyana'], 'Asep Mulyana said the rain fell.', english)).toEqual(['Asep Mulyana']);
  });

  it('takes the capitalised run sharing the most words', () => {
    expect(alignNames(['Kota Semarang', 'Pasar Induk Cipinang'], 'Traders at Cipinang Main Market in Semarang City said so.', english)).toEqual([
      'Semarang City',
      'Cipinang Main Market',
    ]);
  });

  it('pairs the remaining names in order when the counts match', () => {
    expect(alignNames(['Jawa Timur', 'Badan Pangan Nasional'], 'The harvest in East Java was delayed, according to the National Food Agency.', english)).toEqual([
      'East Java',
      'National Food Agency',
    ]);
  });

  it('falls back to the Indonesian string', () => {
    expect(alignNames(['Jawa Timur', 'Badan Pangan Nasional'], 'The harvest was delayed, according to the National Food Agency.', english)).toEqual([
      'Jawa Timur',
      'Badan Pangan Nasional',
    ]);
  });
});

describe('englishForms', () => {
  it('takes the most frequent form, the first seen on ties', () => {
    const forms = englishForms([
      { name: 'Jawa Barat', english: 'West Java', sentence: 'a#p1s1' },
      { name: 'Jawa Barat', english: 'Jawa Barat', sentence: 'a#p2s1' },
      { name: 'Jawa Barat', english: 'West Java', sentence: 'b#p1s1' },
      { name: 'Kota Bogor', english: 'Bogor City', sentence: 'b#p1s1' },
      { name: 'Kota Bogor', english: 'Bogor', sentence: 'b#p2s1' },
    ]);
    expect(Object.fromEntries(forms)).toEqual({ 'Jawa Barat': 'West Java', 'Kota Bogor': 'Bogor City' });
  });
});

/**
 * Names an Indonesian news reader knows without being told, as data: places, organisations, the
 * words that head an organisation's or a place's name, companies' legal forms, and the role words
 * that stand before a person without being part of the name. General knowledge, written once here;
 * the entity tagger reads them as features and the entities stage reads the roles.
 */

/** Indonesia's provinces (current names and the usual short forms). */
export const PROVINCES: readonly string[] = [
  'Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Kepulauan Riau', 'Jambi', 'Sumatera Selatan', 'Bengkulu', 'Lampung',
  'Bangka Belitung', 'Kepulauan Bangka Belitung', 'DKI Jakarta', 'Jakarta', 'Jawa Barat', 'Jawa Tengah', 'Jawa Timur', 'Banten',
  'DI Yogyakarta', 'Daerah Istimewa Yogyakarta', 'Yogyakarta', 'Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur', 'NTB', 'NTT',
  'Kalimantan Barat', 'Kalimantan Tengah', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara',
  'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Sulawesi Barat', 'Gorontalo', 'Maluku', 'Maluku Utara', 'Papua',
  'Papua Barat', 'Papua Barat Daya', 'Papua Tengah', 'Papua Pegunungan', 'Papua Selatan', 'Jabar', 'Jateng', 'Jatim', 'Sumut', 'Sumbar',
  'Sumsel', 'Kalbar', 'Kalteng', 'Kalsel', 'Kaltim', 'Kaltara', 'Sulut', 'Sulteng', 'Sulsel', 'Sultra', 'Sulbar', 'Malut', 'Babel', 'Kepri', 'DIY',
];

/** Islands, regions and the larger regencies and cities of Indonesia. */
export const INDONESIAN_PLACES: readonly string[] = [
  'Indonesia', 'Nusantara', 'Jawa', 'Sumatera', 'Sumatra', 'Kalimantan', 'Borneo', 'Sulawesi', 'Madura', 'Lombok', 'Sumbawa', 'Flores',
  'Timor', 'Halmahera', 'Seram', 'Ambon', 'Ternate', 'Tidore', 'Nias', 'Mentawai', 'Belitung', 'Bangka', 'Batam', 'Bintan', 'Natuna',
  'Jabodetabek', 'Jakarta Pusat', 'Jakarta Utara', 'Jakarta Barat', 'Jakarta Selatan', 'Jakarta Timur', 'Kepulauan Seribu',
  'Bandung', 'Bekasi', 'Bogor', 'Depok', 'Tangerang', 'Tangerang Selatan', 'Serang', 'Cilegon', 'Cirebon', 'Sukabumi', 'Cianjur',
  'Garut', 'Tasikmalaya', 'Ciamis', 'Karawang', 'Purwakarta', 'Subang', 'Indramayu', 'Majalengka', 'Kuningan', 'Sumedang', 'Banjar',
  'Semarang', 'Surakarta', 'Solo', 'Magelang', 'Salatiga', 'Pekalongan', 'Tegal', 'Brebes', 'Cilacap', 'Banyumas', 'Purwokerto',
  'Kudus', 'Jepara', 'Demak', 'Pati', 'Rembang', 'Blora', 'Grobogan', 'Klaten', 'Boyolali', 'Sragen', 'Wonogiri', 'Kebumen', 'Wonosobo',
  'Temanggung', 'Kendal', 'Batang', 'Purbalingga', 'Banjarnegara', 'Karanganyar', 'Sukoharjo', 'Sleman', 'Bantul', 'Kulon Progo',
  'Gunungkidul', 'Gunung Kidul', 'Surabaya', 'Malang', 'Sidoarjo', 'Gresik', 'Mojokerto', 'Jombang', 'Kediri', 'Blitar', 'Tulungagung',
  'Madiun', 'Ngawi', 'Ponorogo', 'Pacitan', 'Trenggalek', 'Lamongan', 'Tuban', 'Bojonegoro', 'Pasuruan', 'Probolinggo', 'Lumajang',
  'Jember', 'Banyuwangi', 'Bondowoso', 'Situbondo', 'Bangkalan', 'Sampang', 'Pamekasan', 'Sumenep', 'Batu', 'Denpasar', 'Badung',
  'Gianyar', 'Tabanan', 'Buleleng', 'Karangasem', 'Klungkung', 'Bangli', 'Jembrana', 'Mataram', 'Bima', 'Dompu', 'Kupang', 'Ende',
  'Maumere', 'Labuan Bajo', 'Medan', 'Binjai', 'Deli Serdang', 'Pematangsiantar', 'Sibolga', 'Tapanuli', 'Karo', 'Toba', 'Samosir',
  'Padang', 'Bukittinggi', 'Payakumbuh', 'Solok', 'Pariaman', 'Agam', 'Pekanbaru', 'Dumai', 'Kampar', 'Bengkalis', 'Siak',
  'Indragiri Hulu', 'Indragiri Hilir', 'Tanjungpinang', 'Palembang', 'Lubuklinggau', 'Prabumulih', 'Ogan Komering Ilir', 'Musi Banyuasin',
  'Bandar Lampung', 'Metro', 'Pangkalpinang', 'Banda Aceh', 'Lhokseumawe', 'Langsa', 'Sabang', 'Meulaboh', 'Pontianak', 'Singkawang',
  'Ketapang', 'Sambas', 'Palangka Raya', 'Palangkaraya', 'Banjarmasin', 'Banjarbaru', 'Samarinda', 'Balikpapan', 'Bontang', 'Kutai',
  'Kutai Kartanegara', 'Penajam Paser Utara', 'Tarakan', 'Makassar', 'Ujung Pandang', 'Gowa', 'Maros', 'Bone', 'Parepare', 'Palopo',
  'Toraja', 'Tana Toraja', 'Manado', 'Bitung', 'Tomohon', 'Minahasa', 'Palu', 'Donggala', 'Poso', 'Sigi', 'Kendari', 'Baubau', 'Mamuju',
  'Majene', 'Jayapura', 'Merauke', 'Timika', 'Mimika', 'Nabire', 'Wamena', 'Biak', 'Manokwari', 'Sorong', 'Fakfak', 'Raja Ampat',
  'Tual', 'Sofifi', 'Merapi', 'Semeru', 'Bromo', 'Krakatau', 'Rinjani', 'Sinabung', 'Citarum', 'Ciliwung', 'Bengawan Solo', 'Mahakam',
];

/** Countries (Indonesian names and the English ones outlets also print) and their capitals. */
export const COUNTRIES_AND_CAPITALS: readonly string[] = [
  'Afganistan', 'Afghanistan', 'Kabul', 'Albania', 'Aljazair', 'Amerika', 'Amerika Serikat', 'AS', 'USA', 'Washington', 'Argentina',
  'Buenos Aires', 'Arab Saudi', 'Saudi Arabia', 'Riyadh', 'Armenia', 'Australia', 'Canberra', 'Sydney', 'Melbourne', 'Austria', 'Wina',
  'Azerbaijan', 'Bahrain', 'Bangladesh', 'Dhaka', 'Belanda', 'Amsterdam', 'Den Haag', 'Belgia', 'Brussel', 'Brasil', 'Brazil', 'Brasilia',
  'Brunei', 'Brunei Darussalam', 'Bandar Seri Begawan', 'Bulgaria', 'Ceko', 'Chili', 'Chile', 'China', 'Tiongkok', 'Cina', 'Beijing',
  'Shanghai', 'Hong Kong', 'Denmark', 'Kopenhagen', 'Ekuador', 'Mesir', 'Kairo', 'Etiopia', 'Filipina', 'Manila', 'Finlandia', 'Helsinki',
  'Ghana', 'Yunani', 'Athena', 'Hongaria', 'Budapest', 'India', 'New Delhi', 'Mumbai', 'Inggris', 'London', 'Britania Raya', 'Irak',
  'Baghdad', 'Iran', 'Teheran', 'Tehran', 'Irlandia', 'Dublin', 'Israel', 'Tel Aviv', 'Yerusalem', 'Italia', 'Roma', 'Jepang', 'Tokyo',
  'Osaka', 'Jerman', 'Berlin', 'Kamboja', 'Phnom Penh', 'Kanada', 'Ottawa', 'Toronto', 'Kazakhstan', 'Kenya', 'Nairobi', 'Kolombia',
  'Korea', 'Korea Selatan', 'Korea Utara', 'Korsel', 'Korut', 'Seoul', 'Pyongyang', 'Kuba', 'Havana', 'Kuwait', 'Laos', 'Vientiane',
  'Lebanon', 'Beirut', 'Libya', 'Tripoli', 'Malaysia', 'Kuala Lumpur', 'Putrajaya', 'Meksiko', 'Mexico', 'Mongolia', 'Maroko', 'Myanmar',
  'Naypyidaw', 'Yangon', 'Nepal', 'Kathmandu', 'Nigeria', 'Norwegia', 'Oslo', 'Oman', 'Pakistan', 'Islamabad', 'Palestina', 'Gaza',
  'Tepi Barat', 'Panama', 'Papua Nugini', 'Port Moresby', 'Peru', 'Lima', 'Perancis', 'Prancis', 'Paris', 'Polandia', 'Warsawa',
  'Portugal', 'Lisabon', 'Qatar', 'Doha', 'Rumania', 'Rusia', 'Moskow', 'Selandia Baru', 'Wellington', 'Singapura', 'Spanyol', 'Madrid',
  'Sri Lanka', 'Kolombo', 'Sudan', 'Suriah', 'Damaskus', 'Swedia', 'Stockholm', 'Swiss', 'Jenewa', 'Bern', 'Taiwan', 'Taipei', 'Thailand',
  'Bangkok', 'Timor Leste', 'Dili', 'Tunisia', 'Turki', 'Ankara', 'Istanbul', 'Ukraina', 'Kiev', 'Kyiv', 'Uni Emirat Arab', 'Abu Dhabi',
  'Dubai', 'Uzbekistan', 'Vatikan', 'Venezuela', 'Vietnam', 'Hanoi', 'Yaman', 'Yordania', 'Amman', 'Afrika', 'Afrika Selatan', 'Asia',
  'Eropa', 'Timur Tengah', 'Asia Tenggara', 'Pasifik', 'Atlantik', 'Kremlin', 'Gedung Putih', 'New York', 'Los Angeles', 'Hawaii',
  'Texas', 'California', 'Florida', 'Crimea', 'Krimea', 'Donbas', 'Donetsk', 'Luhansk', 'Kharkiv', 'Odessa', 'Mariupol', 'Siberia',
];

/** Ministries, agencies, parties and other organisations Indonesian news names often. */
export const ORGANISATIONS: readonly string[] = [
  'DPR', 'DPRD', 'DPD', 'MPR', 'KPK', 'KPU', 'Bawaslu', 'MK', 'MA', 'Mahkamah Agung', 'Mahkamah Konstitusi', 'Komisi Yudisial', 'TNI',
  'Polri', 'Polda', 'Polres', 'Polsek', 'Bareskrim', 'Densus 88', 'BNN', 'BNPT', 'BNPB', 'BPBD', 'Basarnas', 'BMKG', 'BPS', 'BPK', 'BPKP',
  'OJK', 'BI', 'Bank Indonesia', 'LPS', 'BKPM', 'Bappenas', 'BRIN', 'LIPI', 'BPOM', 'BPJS', 'BPJS Kesehatan', 'BPJS Ketenagakerjaan',
  'Kemenkeu', 'Kemendagri', 'Kemenlu', 'Kemenhan', 'Kemenkes', 'Kemendikbud', 'Kemendikbudristek', 'Kemenag', 'Kemensos', 'Kemnaker',
  'Kementan', 'Kemendag', 'Kemenperin', 'KESDM', 'Kementerian ESDM', 'KLHK', 'Kemenhub', 'Kemenkominfo', 'Kominfo', 'Kemenkumham',
  'Kemenpan RB', 'Kemenparekraf', 'Kemenpora', 'KKP', 'Kemenkop UKM', 'BUMN', 'Kementerian BUMN', 'Kejagung', 'Kejaksaan Agung',
  'Kejati', 'Kejari', 'Pemprov', 'Pemkab', 'Pemkot', 'Setneg', 'Istana', 'PBB', 'ASEAN', 'NATO', 'WHO', 'IMF', 'UNESCO', 'UNICEF',
  'Bank Dunia', 'OPEC', 'G20', 'APEC', 'Uni Eropa', 'FIFA', 'PSSI', 'KONI', 'KOI', 'PDI-P', 'PDIP', 'PDI Perjuangan', 'Golkar', 'Gerindra',
  'PKB', 'PKS', 'PAN', 'PPP', 'NasDem', 'Nasdem', 'Demokrat', 'Hanura', 'Perindo', 'PSI', 'Partai Buruh', 'Gelora', 'NU', 'Nahdlatul Ulama',
  'PBNU', 'Muhammadiyah', 'MUI', 'KWI', 'PGI', 'Pertamina', 'PLN', 'Telkom', 'Garuda Indonesia', 'Bank Mandiri', 'BRI', 'BNI', 'BCA', 'BTN',
  'Antara', 'Kompas', 'Tempo', 'Reuters', 'AFP', 'AP', 'Xinhua', 'Yonhap', 'KCNA', 'Bloomberg', 'CNN', 'BBC', 'Al Jazeera', 'Interfax',
  'TASS', 'Pentagon', 'Kongres', 'Senat', 'Hamas', 'Hizbullah', 'Taliban', 'ISIS', 'Kopassus', 'Kostrad', 'Brimob', 'Satpol PP', 'KAI',
  'Angkasa Pura', 'Pelindo', 'Kabinet Indonesia Maju', 'Universitas Indonesia', 'UI', 'UGM', 'ITB', 'IPB', 'Unair', 'Undip', 'Unpad',
];

/** Words that open an organisation's name (`Kementerian Luar Negeri`, `Universitas Gadjah Mada`). */
export const ORGANISATION_HEADS: readonly string[] = [
  'Kementerian', 'Kemenko', 'Departemen', 'Badan', 'Dinas', 'Lembaga', 'Komisi', 'Dewan', 'Majelis', 'Mahkamah', 'Pengadilan', 'Kejaksaan',
  'Kepolisian', 'Polda', 'Polres', 'Polsek', 'Kodam', 'Kodim', 'Korem', 'Pemerintah', 'Pemprov', 'Pemkab', 'Pemkot', 'Partai', 'Universitas',
  'Institut', 'Sekolah', 'Akademi', 'Politeknik', 'Rumah Sakit', 'RS', 'RSUD', 'Bank', 'Yayasan', 'Perusahaan', 'Perum', 'Persatuan',
  'Perhimpunan', 'Ikatan', 'Asosiasi', 'Federasi', 'Gabungan', 'Himpunan', 'Serikat', 'Koperasi', 'Kantor', 'Direktorat', 'Sekretariat',
  'Biro', 'Pusat', 'Otoritas', 'Satuan', 'Komando', 'Markas', 'Angkatan', 'Pasukan', 'Tentara', 'Kabinet', 'Organisasi', 'Forum', 'Klub',
  'Persatuan Sepak Bola', 'Fakultas', 'Museum', 'Radio', 'Televisi', 'Harian', 'Majalah', 'Kantor Berita',
];

/** Companies' legal forms: before (`PT`, `CV`) or after (`Tbk`, `Persero`) the company's name. */
export const LEGAL_FORMS: readonly string[] = ['PT', 'CV', 'Tbk', 'Persero', 'Perum', 'UD', 'Firma', 'Koperasi', 'Ltd', 'Inc', 'Corp', 'LLC', 'GmbH', 'Co', 'Bhd', 'Sdn'];

/** Words that open a place's name (`Kabupaten Garut`, `Gunung Merapi`, `Desa Sukamaju`). */
export const PLACE_HEADS: readonly string[] = [
  'Provinsi', 'Kabupaten', 'Kota', 'Kecamatan', 'Kelurahan', 'Desa', 'Dusun', 'Kampung', 'Nagari', 'Distrik', 'Pulau',
  'Kepulauan', 'Gunung', 'Pegunungan', 'Sungai', 'Danau', 'Teluk', 'Selat', 'Laut', 'Samudra', 'Samudera', 'Tanjung', 'Pantai', 'Lembah',
  'Jalan', 'Jl', 'Bandara', 'Pelabuhan', 'Stasiun', 'Terminal', 'Taman Nasional', 'Kerajaan', 'Republik', 'Benua', 'Wilayah', 'Kawasan',
  'Semenanjung', 'Dataran', 'Tanah', 'Gurun', 'Lapangan', 'Alun-alun', 'Masjid', 'Gereja', 'Candi', 'Pura', 'Monumen',
];

/**
 * Role words: titles, offices and honorifics that stand before a person's name but are not part
 * of it (`Menteri Keamanan Negara Ri Chang Dae`, `Kapolri Jenderal Listyo Sigit`).
 */
export const ROLE_WORDS: readonly string[] = [
  'Presiden', 'Wakil', 'Wapres', 'Menteri', 'Menko', 'Mendagri', 'Menlu', 'Menhan', 'Menkeu', 'Menkes', 'Mendikbud', 'Menag', 'Mensos',
  'Menaker', 'Mentan', 'Mendag', 'Menperin', 'Menhub', 'Menkominfo', 'Menkumham', 'Menpora', 'Perdana', 'PM', 'Raja', 'Ratu', 'Pangeran',
  'Sultan', 'Kaisar', 'Paus', 'Kanselir', 'Kepala', 'Ketua', 'Sekretaris', 'Sekjen', 'Direktur', 'Dirut', 'Direktur Utama',
  'Komisaris', 'Manajer', 'Gubernur', 'Wagub', 'Bupati', 'Wabup', 'Wali', 'Walikota', 'Wali Kota', 'Camat', 'Lurah', 'Kades', 'Jenderal',
  'Letnan', 'Kolonel', 'Mayor', 'Kapten', 'Laksamana', 'Marsekal', 'Brigjen', 'Mayjen', 'Letjen', 'Irjen', 'Komjen', 'Kombes', 'AKBP',
  'AKP', 'Kapolri', 'Kapolda', 'Kapolres', 'Kapolsek', 'Panglima', 'Kasad', 'Jaksa', 'Jaksa Agung', 'Hakim', 'Juru Bicara', 'Jubir',
  'Anggota', 'Pimpinan', 'Pemimpin', 'Komandan', 'Duta Besar', 'Dubes', 'Senator', 'Profesor', 'Prof', 'Dokter', 'Dr', 'Ir', 'Haji',
  'Hj', 'H', 'Kiai', 'KH', 'Ustaz', 'Ustadz', 'Pastor', 'Romo', 'Bapak', 'Pak', 'Ibu', 'Bu', 'Saudara', 'Tuan', 'Nyonya', 'Sang', 'Si',
  'Pelatih', 'Penyanyi', 'Aktor', 'Aktris', 'Produser', 'Sutradara', 'Penulis', 'Pengamat', 'Peneliti', 'Ekonom', 'Pengacara',
  'Kuasa Hukum', 'Tersangka', 'Terdakwa', 'Korban', 'Ketum', 'Plt', 'Pj', 'Kadis', 'Kabid', 'Kasi', 'Deputi', 'Staf Khusus', 'Asisten',
];

/** Common Indonesian given names and name parts, so a lone capitalised word reads as a person. */
export const PERSON_NAME_PARTS: readonly string[] = [
  'Muhammad', 'Mohammad', 'Muhamad', 'Ahmad', 'Achmad', 'Abdul', 'Siti', 'Nur', 'Dewi', 'Sri', 'Budi', 'Agus', 'Eko', 'Joko', 'Bambang',
  'Slamet', 'Hadi', 'Putra', 'Putri', 'Rahman', 'Rahmat', 'Hasan', 'Husein', 'Ali', 'Yusuf', 'Ibrahim', 'Ismail', 'Andi', 'Dian', 'Indah',
  'Wahyu', 'Dwi', 'Tri', 'Adi', 'Iwan', 'Hendra', 'Rudi', 'Yudi', 'Dedi', 'Asep', 'Ujang', 'Made', 'Wayan', 'Nyoman', 'Ketut', 'Komang',
  'Gede', 'Putu', 'Kadek', 'Teuku', 'Cut', 'Raden', 'Sutrisno', 'Susilo', 'Widodo', 'Suharto', 'Soeharto', 'Soekarno', 'Sukarno',
  'Prabowo', 'Subianto', 'Jokowi', 'Megawati', 'Anies', 'Ganjar', 'Gibran', 'Sigit', 'Listyo', 'Mahfud', 'Sri Mulyani', 'Retno',
  'Erick', 'Luhut', 'Airlangga', 'Puan', 'Kim', 'Jong', 'Un', 'Lee', 'Park', 'Putin', 'Vladimir', 'Sergei', 'Sergey', 'Dmitry', 'Joe',
  'Biden', 'Donald', 'Trump', 'Xi', 'Jinping', 'John', 'David', 'Michael', 'Robert', 'James', 'William', 'George', 'Paul', 'Peter',
];

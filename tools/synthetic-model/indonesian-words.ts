/**
 * Common Indonesian words, news-flavoured, for the synthetic tokenizer's whole-word pieces.
 * Lower-case entries also get a capitalised piece; names and acronyms are kept as written.
 * Any other text still tokenizes, one character at a time.
 */
const WORD_GROUPS: readonly string[] = [
  // function words and pronouns
  `yang dan di ke dari untuk dengan pada dalam oleh akan telah sudah belum tidak bukan juga ini itu
   tersebut bahwa karena sehingga namun tetapi atau serta agar supaya jika kalau ketika saat setelah
   sebelum sejak hingga sampai antara terhadap tentang bagi seperti secara masih baru lebih paling
   sangat hanya harus dapat bisa boleh perlu ingin mau ada adalah merupakan yakni yaitu para sang
   saya aku kami kita anda kamu dia ia beliau mereka apa siapa mana kapan mengapa bagaimana berapa
   ya terima kasih selamat tolong maaf menurut kata ujar pukul tanggal nomor sekitar hampir sekali`,
  // numbers and time
  `satu dua tiga empat lima enam tujuh delapan sembilan sepuluh belas puluh ratus ribu juta miliar
   triliun persen banyak sedikit beberapa semua seluruh setiap sebagian pertama kedua ketiga
   hari minggu bulan tahun jam menit detik pagi siang sore malam kemarin besok sekarang kini tadi
   nanti lalu pekan Senin Selasa Rabu Kamis Jumat Sabtu Januari Februari Maret April Mei Juni Juli
   Agustus September Oktober November Desember WIB WITA WIT`,
  // government, politics, law
  `pemerintah pemerintahan presiden wakil menteri kementerian gubernur bupati wali kota camat kepala
   desa negara negeri daerah provinsi kabupaten pusat nasional internasional rakyat masyarakat warga
   penduduk partai politik pemilu pemilihan umum suara calon kampanye koalisi oposisi parlemen dewan
   anggota ketua sekretaris jenderal direktur pejabat lembaga badan komisi undang peraturan kebijakan
   keputusan hukum pengadilan hakim jaksa polisi tersangka terdakwa korupsi kasus sidang putusan
   penjara keamanan pertahanan tentara militer DPR DPRD MPR KPK KPU TNI Polri BUMN APBN RI`,
  // economy
  `ekonomi keuangan anggaran pajak harga biaya dana uang rupiah dolar Rp investasi investor perusahaan
   usaha bisnis pasar perdagangan ekspor impor industri produksi pertumbuhan inflasi bank saham utang
   kredit bunga subsidi bantuan pendapatan penjualan pembangunan proyek infrastruktur tol bandara
   pelabuhan listrik energi minyak gas batu bara tambang pertanian beras pangan petani nelayan`,
  // society, health, disasters
  `pendidikan sekolah universitas mahasiswa siswa guru dosen kesehatan rumah sakit dokter pasien obat
   vaksin penyakit bencana banjir gempa longsor kebakaran letusan gunung cuaca hujan korban tewas
   meninggal luka hilang pengungsi kecelakaan lintas air laut sungai`,
  // foreign affairs and places
  `kerja sama hubungan luar diplomasi kunjungan pertemuan konferensi perjanjian kesepakatan dunia
   Indonesia Jakarta Surabaya Bandung Medan Semarang Makassar Yogyakarta Bali Papua Jawa Sumatera
   Kalimantan Sulawesi Aceh Nusantara Amerika Serikat China Jepang Australia Malaysia Singapura Eropa
   Asia ASEAN PBB`,
  // verbs common in reporting
  `mengatakan menyatakan menjelaskan mengungkapkan menyampaikan menegaskan menambahkan meminta menerima
   memberikan membuat melakukan menjadi menggelar membahas meningkatkan menurunkan mencapai mendukung
   menolak mengumumkan melaporkan memastikan menangkap memeriksa menetapkan membangun mengembangkan
   menghadapi mengikuti menunggu pergi datang tiba berangkat bertemu bekerja berlangsung berada
   terjadi naik turun tumbuh dibuka ditutup dilakukan diharapkan disebut dinilai diminta ditangkap
   ditetapkan makan minum membaca menulis melihat mendengar`,
  // nouns and adjectives
  `orang anak ibu bapak keluarga rumah kantor gedung jalan wilayah kawasan lokasi tempat waktu cara
   hal masalah program kegiatan acara upaya langkah rencana target hasil data informasi berita
   laporan pernyataan keterangan sumber pihak tim kelompok organisasi sektor sistem layanan publik
   media wartawan televisi radio internet digital teknologi besar kecil lama tinggi rendah baik
   buruk penting utama khusus resmi cepat lambat mudah sulit aman murah mahal nasi kopi teh`,
];

export const INDONESIAN_WORDS: readonly string[] = WORD_GROUPS.flatMap((group) => group.split(/\s+/)).filter(
  (word) => word.length > 0,
);

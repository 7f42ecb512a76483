/**
 * The vocabulary of page furniture on Indonesian news pages, as data: the words and labels that
 * make a line a link, a prompt, a credit or a widget rather than article text. Lower case; a
 * phrase is matched as whole words. The `clean` stage weighs these as features (how much of a
 * line they make up, where the line stands), so a body sentence that merely uses one of them
 * stays.
 */

/** Words of links and prompts: reading, following, sharing, subscribing, navigating. */
export const LINK_WORDS: readonly string[] = [
  'baca', 'simak', 'klik', 'tap', 'gabung', 'bergabung', 'bergabunglah', 'follow', 'ikuti', 'tonton', 'saksikan', 'lihat',
  'cek', 'kunjungi', 'download', 'unduh', 'install', 'daftar', 'daftarkan', 'login', 'masuk', 'langganan', 'berlangganan',
  'subscribe', 'bagikan', 'share', 'komentar', 'berkomentar', 'berkomentarlah', 'laporkan', 'kirim', 'dapatkan', 'nikmati',
  'scroll', 'gulir', 'selengkapnya', 'selanjutnya', 'berikutnya', 'sebelumnya', 'lainnya', 'terkait', 'terkini',
  'terbaru', 'terpopuler', 'populer', 'rekomendasi', 'pilihan', 'iklan', 'ads', 'advertisement', 'sponsored', 'premium',
  'konten', 'video', 'foto', 'galeri', 'infografis', 'newsletter', 'email', 'update', 'channel', 'saluran', 'aplikasi',
  'app', 'notifikasi', 'sini', 'disini', 'artikel', 'berita', 'tag', 'tags', 'topik', 'menu', 'beranda', 'home', 'indeks',
  'index', 'cari', 'search', 'trending', 'viral', 'headline', 'us', 'news', 'here', 'more', 'read', 'watch', 'view',
  'post', 'akun', 'gratis', 'kejutan', 'breaking', 'ponselmu',
];

/** Platforms named by follow and share prompts. */
export const PLATFORMS: readonly string[] = [
  'google news', 'whatsapp', 'wa channel', 'whatsapp channel', 'telegram', 'instagram', 'facebook', 'twitter', 'x',
  'tiktok', 'youtube', 'line', 'linkedin', 'threads', 'play store', 'app store', 'google play', 'email',
];

/** Labels that open a related-article link or block ("Baca juga: …", "Berita Terkait"). */
export const RELATED_LABELS: readonly string[] = [
  'baca juga', 'baca pula', 'baca', 'lihat juga', 'simak juga', 'tonton juga', 'saksikan juga', 'berita terkait',
  'artikel terkait', 'berita lainnya', 'berita lain', 'baca lainnya', 'artikel lainnya', 'pilihan editor',
  'rekomendasi', 'berita rekomendasi', 'rekomendasi untuk anda', 'artikel selanjutnya', 'artikel sebelumnya',
  'berita selanjutnya', 'berita terkini', 'berita terbaru', 'berita terpopuler', 'terpopuler', 'populer', 'terkini',
  'topik terkait', 'topik', 'tag', 'tags', 'berita pilihan', 'artikel pilihan', 'read more', 'related', 'more stories',
  'baca artikel', 'baca berita', 'most popular', 'related articles', 'related news', 'read also', 'see also', 'more news', 'editor\'s pick', 'pilihan redaksi', 'jangan lewatkan', 'lihat semua',
];

/** Labels of author and editor credits ("Penulis: …", "Rep: …", "LAPORAN: …"). */
export const AUTHOR_LABELS: readonly string[] = [
  'penulis', 'reporter', 'wartawan', 'kontributor', 'pewarta', 'oleh', 'laporan', 'laporan wartawan', 'rep', 'jurnalis',
  'author', 'by', 'ditulis oleh', 'writer', 'koresponden',
];
export const EDITOR_LABELS: readonly string[] = [
  'editor', 'penyunting', 'redaktur', 'red', 'editor in charge', 'penanggung jawab', 'redaktur pelaksana', 'editing',
  'fotografer', 'videografer', 'grafis', 'ilustrator', 'produser', 'pewarta foto', 'narator', 'penerjemah',
];

/** Labels of photo and chart credits ("Foto: …", "Sumber: …"). */
export const CREDIT_LABELS: readonly string[] = [
  'foto', 'photo', 'gambar', 'ilustrasi', 'sumber foto', 'sumber gambar', 'kredit foto', 'dok', 'dokumentasi', 'istimewa',
  'sumber', 'source', 'grafis', 'infografis', 'image', 'credit', 'video', 'fotografer',
];

/** Words that describe a photo rather than report: a caption's own vocabulary. */
export const CAPTION_WORDS: readonly string[] = ['ilustrasi', 'dok', 'dokumentasi', 'istimewa', 'file photo', 'arsip'];

/** Words of page ends: copyright, newsroom addresses, syndication and disclaimers. */
export const TRAILER_WORDS: readonly string[] = [
  'copyright', 'hak cipta', 'all rights reserved', 'all right reserved', 'rights reserved', 'dilindungi undang-undang',
  'crawling', 'pengindeksan', 'a subsidiary of', 'network', 'redaksi', 'alamat', 'telepon', 'telp', 'tel', 'fax',
  'faks', 'whatsapp', 'kode pos', 'disclaimer', 'penafian', 'pedoman media siber', 'kebijakan privasi', 'privacy policy',
  'syarat dan ketentuan', 'tentang kami', 'kontak', 'karir', 'info iklan', 'artikel ini telah tayang', 'telah tayang',
  'dengan judul', 'sumber', 'biro',
];

/** Labels that open a trailer line ("Disclaimer: …", "Sumber: Kompas.com"). */
export const TRAILER_LABELS: readonly string[] = ['disclaimer', 'penafian', 'catatan redaksi', 'sumber', 'source', 'alamat', 'telepon', 'telp', 'email'];

/** Ad slots and scroll prompts, whole-line phrases. */
export const AD_PHRASES: readonly string[] = [
  'advertisement', 'advertisment', 'iklan', 'ads', 'sponsored', 'konten bersponsor', 'konten sponsor', 'konten iklan',
  'ad', 'promoted', 'scroll to continue with content', 'scroll to resume content', 'scroll untuk melanjutkan',
  'scroll ke bawah untuk melanjutkan membaca', 'gulir untuk melanjutkan', 'gulir untuk melanjutkan membaca',
  'gulir ke bawah untuk melanjutkan membaca', 'lanjutkan membaca di bawah', 'hide ads', 'show ads', 'close ads',
  'tutup iklan', 'sembunyikan iklan', 'tutup', 'close', 'skip ad', 'lewati iklan', 'iklan - scroll untuk melanjutkan',
  'continue reading below', 'story continues below', 'artikel berlanjut di bawah',
];

/**
 * Words an ad slot or scroll prompt is made of ("ADVERTISEMENT - SCROLL TO CONTINUE", "Iklan -
 * gulir untuk melanjutkan"). A line of these words only, with at least one of `AD_CORE_WORDS`, is
 * an ad marker.
 */
export const AD_WORDS: readonly string[] = [
  'advertisement', 'advertisment', 'advertising', 'iklan', 'ads', 'ad', 'sponsored', 'sponsor', 'bersponsor', 'promoted',
  'scroll', 'gulir', 'to', 'continue', 'with', 'content', 'resume', 'reading', 'below', 'down', 'untuk', 'ke', 'bawah',
  'lanjutkan', 'melanjutkan', 'lanjut', 'membaca', 'baca', 'konten', 'artikel', 'berlanjut', 'di', 'hide', 'show',
  'close', 'tutup', 'sembunyikan', 'skip', 'lewati', 'story', 'continues', 'halaman', 'ini',
];
export const AD_CORE_WORDS: readonly string[] = ['advertisement', 'advertisment', 'advertising', 'iklan', 'ads', 'ad', 'sponsored', 'promoted', 'scroll', 'gulir'];

/** Words that open a place, an institution or a desk, never a person's name ("Kota Bandung", "Tim Redaksi"). */
export const NOT_NAME_WORDS: readonly string[] = [
  'kota', 'kabupaten', 'kab', 'provinsi', 'kecamatan', 'kelurahan', 'desa', 'dusun', 'jalan', 'jl', 'pulau', 'gunung',
  'sungai', 'pasar', 'pt', 'cv', 'dinas', 'kantor', 'gedung', 'rumah', 'masjid', 'universitas', 'sekolah', 'bank',
  'kementerian', 'badan', 'komisi', 'partai', 'polres', 'polda', 'polsek', 'kodim', 'pemkot', 'pemkab', 'pemprov',
  'rsud', 'stasiun', 'bandara', 'pelabuhan', 'terminal', 'hotel', 'lapangan', 'stadion', 'kampung', 'kawasan',
  'liga', 'piala', 'timnas', 'berita', 'hasil', 'jadwal', 'harga', 'daftar', 'cara', 'foto', 'video',
];

/** Reading-time, font-size and other reader widgets. */
export const WIDGET_PHRASES: readonly string[] = [
  'waktu baca', 'dibaca', 'dibaca normal', 'baca', 'menit', 'detik', 'ukuran huruf', 'font', 'aa', 'a+', 'a-', 'dengarkan',
  'dengarkan berita', 'putar audio', 'listen', 'bookmark', 'simpan', 'salin tautan', 'salin link', 'copy link', 'link',
  'tautan disalin', 'link copied', 'zoom', 'perbesar', 'cetak', 'print',
];

/** Page counters and next-page links. */
export const PAGINATION_WORDS: readonly string[] = [
  'halaman', 'page', 'selanjutnya', 'berikutnya', 'sebelumnya', 'next', 'prev', 'previous', 'load more',
  'muat lebih banyak', 'tampilkan semua', 'lihat semua', 'selengkapnya', 'baca selengkapnya', 'lanjut',
  'lanjutkan membaca', 'lanjut baca', 'baca selanjutnya', 'lanjutkan', 'next page', 'halaman berikutnya',
];

/** Desk and team names that stand where a byline names a person ("Tim Redaksi"). */
export const DESK_WORDS: readonly string[] = ['tim', 'redaksi', 'desk', 'admin', 'newsroom', 'staf', 'staff', 'team'];

/** Verbs that cite another outlet ("dilansir Reuters"): a mention after them is not the page's outlet. */
export const CITATION_WORDS: readonly string[] = [
  'dilansir', 'melansir', 'dikutip', 'mengutip', 'kutip', 'lansir', 'dari', 'via', 'menurut', 'diberitakan', 'memberitakan',
  'laporan', 'seperti', 'sebagaimana', 'tayang',
];

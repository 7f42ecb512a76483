/**
 * Indonesian function words: conjunctions, prepositions, particles, pronouns, demonstratives,
 * auxiliaries and common adverbs. Running prose is dense with them; page furniture (menus,
 * labels, names, headlines of link lists) is not. Lower case, as data.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'ada', 'adalah', 'agar', 'akan', 'akibat', 'aku', 'amat', 'anda', 'antara', 'apa', 'apabila', 'atas', 'atau', 'bagaimana',
  'bagi', 'bahkan', 'bahwa', 'baik', 'banyak', 'baru', 'beberapa', 'begitu', 'belum', 'berbagai', 'bersama', 'bila', 'bisa',
  'boleh', 'bukan', 'cukup', 'dalam', 'dan', 'dapat', 'dari', 'daripada', 'demi', 'dengan', 'di', 'dia', 'dimana',
  'engkau', 'hal', 'hampir', 'hanya', 'harus', 'hingga', 'ia', 'ialah', 'ini', 'itu', 'jadi', 'jika', 'juga', 'jangan',
  'justru', 'kalau', 'kami', 'kamu', 'kan', 'karena', 'ke', 'kembali', 'kemudian', 'kepada', 'ketika', 'kini', 'kita',
  'lagi', 'lain', 'lalu', 'lama', 'lebih', 'maka', 'masih', 'masing-masing', 'mau', 'melalui', 'memang', 'mereka',
  'meski', 'meskipun', 'mulai', 'mungkin', 'namun', 'nya', 'oleh', 'pada', 'para', 'pernah', 'pula', 'pun', 'saat',
  'saja', 'salah', 'sama', 'sambil', 'sampai', 'sangat', 'satu', 'saya', 'se', 'sebagai', 'sebelum', 'sebuah',
  'sedang', 'sedangkan', 'sehingga', 'sejak', 'sekitar', 'selama', 'seluruh', 'semua', 'sendiri', 'seorang',
  'seperti', 'sering', 'serta', 'sesudah', 'setelah', 'setiap', 'sudah', 'supaya', 'tak', 'tanpa', 'tapi', 'telah',
  'tengah', 'tentang', 'terhadap', 'tersebut', 'tetap', 'tetapi', 'tidak', 'untuk', 'walau', 'walaupun', 'yaitu',
  'yakni', 'yang',
]);

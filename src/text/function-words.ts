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
  'yakni', 'yang', 'merupakan', 'secara', 'siapa', 'mengapa', 'kenapa', 'sementara', 'menurut',
]);

/**
 * Verbs that attribute a quote ("…," kata dia; "…," tulis Jennifer): in a paragraph they mark the
 * frame around a quote as Indonesian.
 */
export const ATTRIBUTION_VERBS: ReadonlySet<string> = new Set([
  'kata', 'ujar', 'ucap', 'tutur', 'katanya', 'ujarnya', 'ucapnya', 'tuturnya', 'tulis', 'tulisnya', 'jelasnya', 'imbuhnya', 'tambahnya', 'lanjutnya',
]);

/** English function words that are not Indonesian words (no `as`: Indonesian writes `AS` for the USA). */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'into', 'over', 'after',
  'before', 'between', 'during', 'against', 'under', 'and', 'or', 'but', 'than', 'that', 'this', 'these', 'those',
  'which', 'who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'has', 'have', 'had', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'does',
  'did', 'not', 'it', 'its', 'he', 'she', 'they', 'we', 'you', 'his', 'her', 'their', 'our', 'your', 'them', 'him',
  'there', 'here', 'said', 'says', 'also', 'very', 'because', 'while', 'if', 'then', 'all', 'any', 'some', 'more',
  'most', 'other', 'such', 'only', 'each', 'both', 'through', 'across', 'around', 'among', 'amid', 'without',
  'within', 'since', 'until', 'upon', 'toward', 'towards', 'up', 'out', 'off', 'down', 'near',
]);

import { pipeline, env, AutoTokenizer, AutoModelForSeq2SeqLM, Tensor } from '@xenova/transformers';
import { randomMarianFiles } from './src/model/synthetic/random-marian.ts';
import { writeModelFolder } from './src/model/synthetic/model-folder.ts';
env.localModelPath = '/tmp/synth/'; env.allowRemoteModels = false; env.useFSCache = false; env.cacheDir = '/tmp/synth/cache';
let t = Date.now();
const files = randomMarianFiles({ preset: 'tiny' });
writeModelFolder('/tmp/synth/random', files);
console.log('built', Date.now() - t, 'ms', [...files].map(([k, v]) => `${k}:${v.length}`).join(' '));
const S = ['Presiden meminta menteri bekerja.', 'Harga beras naik Rp 1.000.', 'Halo!', 'Pukul 14.30 WIB, sidang dimulai di Jakarta.', 'Ya.', 'Kerja sama Indonesia dan Jepang.', 'DPR menolak anggaran 2025.', 'Banjir di Medan.'];
const outs = {};
for (const quantized of [false, true]) {
  const tr = await pipeline('translation', 'random', { quantized });
  for (const nb of [1, 3]) {
    t = Date.now();
    const o = await tr(S, { num_beams: nb, max_new_tokens: 12 });
    outs[`${quantized}-${nb}`] = o.map(x => x.translation_text);
    console.log(quantized, nb, Date.now() - t, 'ms', JSON.stringify(o.slice(0, 3)));
  }
}
for (const nb of [1, 3]) console.log('agree', nb, outs[`false-${nb}`].filter((x, i) => x === outs[`true-${nb}`][i]).length, '/', S.length);

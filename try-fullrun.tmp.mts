import { pipeline, env } from '@xenova/transformers';
env.localModelPath = '/tmp/synth/'; env.allowRemoteModels = false; env.useFSCache = false; env.cacheDir = '/tmp/synth/cache';
const S = ['Presiden meminta menteri bekerja sama dengan pemerintah daerah.', 'Harga beras naik Rp 1.000.', 'Pukul 14.30 WIB, sidang dimulai di Jakarta.'];
for (const quantized of [true, false]) {
  let t = Date.now();
  const tr = await pipeline('translation', 'random-full', { quantized });
  console.log('load', quantized, Date.now() - t);
  t = Date.now();
  const o = await tr(S, { num_beams: 1, max_new_tokens: 16, min_new_tokens: 16 });
  console.log(quantized, Date.now() - t, 'ms', JSON.stringify(o.map(x => x.translation_text.slice(0, 60))));
}

import { randomMarianFiles } from './src/model/synthetic/random-marian.ts';
import { writeModelFolder } from './src/model/synthetic/model-folder.ts';
let t = Date.now();
const files = randomMarianFiles({ preset: 'full' });
console.log('built', Date.now() - t, 'ms', [...files].map(([k, v]) => `${k}:${(v.length/1e6).toFixed(1)}MB`).join(' '));
writeModelFolder('/tmp/synth/random-full', files);
console.log('rss', (process.memoryUsage().rss/1e9).toFixed(2), 'GB');

/**
 * Runs the warta CLI in this process and reports its exit code, wall time and peak RSS as one
 * JSON line on fd 3 (stdout and stderr stay the CLI's own):
 *   node --import tsx bench/measure-cli.ts run --input …  3>result.json
 */
import { writeSync } from 'node:fs';
import { main } from '../src/cli/main.ts';

const started = performance.now();
const silent = { out: () => {}, err: () => {}, stderr: process.stderr };
const exitCode = await main(process.argv.slice(2), process.env.BENCH_VERBOSE ? undefined : silent);
const result = { exitCode, ms: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
writeSync(3, `${JSON.stringify(result)}\n`);

import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what was live after each full garbage collection, in percent.
 * By default V8 picks a factor of up to 4× from its allocation rate, so a long run's peak memory
 * is mostly garbage not yet collected and says little about what the run holds: on the scale
 * benchmark, the first run of 10,000 articles peaked 22–36% above that of 1,000 while the live
 * heap differed by a few MB. Twice the live heap keeps the peak near what the run holds. Measured
 * on 1,000 articles: peak RSS 253 → 228 MB, time in GC 1.5 → 1.3 s (17 full collections instead of
 * 10, but fewer young-generation ones); 50% gave 219 MB for 3.3 s of GC.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * For the CLI only, which owns its process: a library must not change a process-wide V8 setting.
 * `WARTA_HEAP_GROWTH=v8` leaves V8's own choice (the benchmark measures both); a whole number sets
 * another percentage.
 */
export function boundHeapGrowth(env: NodeJS.ProcessEnv = process.env): void {
  const setting = env.WARTA_HEAP_GROWTH;
  if (setting === 'v8') return;
  const percent = setting !== undefined && /^[1-9]\d{0,3}$/.test(setting) ? Number(setting) : HEAP_GROWING_PERCENT;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

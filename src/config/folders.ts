import { realpathSync } from 'node:fs';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { isInside } from '../util/path-inside.ts';

/**
 * An output or cache folder inside the input folder would be read back in as articles, more each
 * run: a usage error, found before anything is written there.
 */
export function refuseFoldersInsideInput<Config extends { input: string; output: string; cache: string }>(config: Config): Config {
  const input = realOrResolved(config.input);
  for (const [name, folder] of [['output', config.output], ['cache', config.cache]] as const) {
    const real = realOrResolved(folder);
    if (!isInside(input, real)) continue;
    throw new WartaError('USAGE', `The ${name} folder ${folder} is ${real === input ? 'the input folder' : 'inside the input folder'} ${config.input}: its files would be read back in as articles.`, {
      file: folder,
      hint: `Pass a folder outside it, e.g. \`warta run --${name} ${path.join(path.dirname(input), name === 'output' ? 'output' : '.cache')}\`, or set \`${name}\` in pipeline.yaml.`,
    });
  }
  return config;
}

/** The real path of a folder, or of its nearest existing parent with the rest appended (an output folder may not exist yet). */
function realOrResolved(folder: string): string {
  const resolved = path.resolve(folder);
  try {
    return realpathSync(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realOrResolved(parent), path.basename(resolved));
  }
}

import path from 'node:path';

/** Whether `target` is `folder` or inside it (both absolute, real paths). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

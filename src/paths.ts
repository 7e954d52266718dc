import path from 'node:path';

/** A file path as people want to read it: relative to `base` when inside it, else absolute; POSIX separators. */
export function displayPath(absolutePath: string, base: string): string {
  const relative = path.relative(base, absolutePath);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join('/');
}

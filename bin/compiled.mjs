// compiledIsFresh tells whether dist/ (bin/build-server.mjs) holds every
// source as it is now: the build's stamp is the newest source time it saw.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestIn(dir) {
  let newest = 0;
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = newestIn(path);
      newest = Math.max(newest, sub.newest);
      count += sub.count;
    } else {
      newest = Math.max(newest, statSync(path).mtimeMs);
      count += 1;
    }
  }
  return { newest, count };
}

export function compiledIsFresh() {
  const stamp = join(root, 'dist', '.build-stamp');
  if (process.env.ORDERWATCH_FROM_SOURCE === '1' || !existsSync(stamp)) return false;
  try {
    const built = Number(readFileSync(stamp, 'utf8'));
    const files = Number(readFileSync(join(root, 'dist', '.build-files'), 'utf8'));
    const now = newestIn(join(root, 'src'));
    return now.newest <= built && now.count === files;
  } catch {
    return false;
  }
}

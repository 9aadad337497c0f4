import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The apps/server folder, whether running from src (tsx, tests) or from the dist bundle. */
function findServerRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === '@bancada/server') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the @bancada/server package folder');
    dir = parent;
  }
}

export const SERVER_ROOT = findServerRoot();
export const MIGRATIONS_DIR = path.join(SERVER_ROOT, 'src/db/migrations');
export const WEB_DIST_DIR = path.resolve(SERVER_ROOT, '../web/dist');
export const APP_VERSION: string = JSON.parse(
  readFileSync(path.join(SERVER_ROOT, 'package.json'), 'utf8'),
).version;

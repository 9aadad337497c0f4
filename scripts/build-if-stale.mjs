// `npm start` builds only when the sources differ from what the last build was made from, so a
// restart on an existing data folder serves in about a second instead of rebuilding for 30–45 s.
// The fingerprint is a hash of every source and build-config file's path and content (not mtimes:
// a fresh clone or a checkout touches every file), kept beside the build output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const INPUTS = [
  'packages/shared/src',
  'packages/shared/package.json',
  'apps/server/src',
  'apps/server/scripts',
  'apps/server/package.json',
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'package-lock.json',
];
const OUTPUTS = ['apps/server/dist/main.js', 'apps/server/dist/cli.js', 'apps/web/dist/index.html'];
const STAMP = path.join(root, 'apps/server/dist/.build-fingerprint');

function* filesUnder(relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield relative;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    // tests are not part of the build
    if (/\.test\.tsx?$/.test(entry.name)) continue;
    yield* filesUnder(path.join(relative, entry.name));
  }
}

export function fingerprint() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of [...filesUnder(input)].sort()) {
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(path.join(root, file)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

function isFresh(current) {
  if (!OUTPUTS.every((file) => existsSync(path.join(root, file)))) return false;
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === current;
}

const current = fingerprint();
if (isFresh(current) && !process.argv.includes('--force')) {
  console.log('Build is up to date with the sources; starting.');
} else {
  console.log('Building the web app and the server (only after a change to the sources)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      'The build failed (see above). Fix the error, or run `npm ci` again if dependencies are missing.',
    );
    process.exit(result.status ?? 1);
  }
  writeFileSync(STAMP, `${current}\n`);
}

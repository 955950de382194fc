// `npm start` must work straight after `npm ci`: build when dist/ is missing or older than src/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const entry = 'dist/main.js';
// A production image ships dist/ without src/ (and without the compiler): nothing to build there.
if (!existsSync('src') && existsSync(entry)) process.exit(0);
const stale = !existsSync(entry) || newest('src') > statSync(entry).mtimeMs || statSync('package.json').mtimeMs > statSync(entry).mtimeMs;
if (stale) {
  process.stderr.write('kpi-ledger: building (dist/ is missing or older than src/)…\n');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

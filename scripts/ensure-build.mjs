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

// The dashboard (web/ → dist/web), served at `/`; it also uses the domain's period calendar in src/.
const webEntry = 'dist/web/index.html';
if (existsSync('web')) {
  const webStale =
    !existsSync(webEntry) || Math.max(newest('web'), newest('src'), statSync('package.json').mtimeMs) > statSync(webEntry).mtimeMs;
  if (webStale) {
    process.stderr.write('kpi-ledger: building the dashboard (dist/web is missing or older than web/)…\n');
    // NODE_ENV=production whatever the caller's (jest sets `test`): Vite would bundle React's development build.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.mjs'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}

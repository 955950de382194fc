#!/usr/bin/env node
// `npx kpi-ledger …` must work straight after `npm ci`, like `npm start`: build when dist/ is
// missing or older than src/ (the same check as scripts/ensure-build.mjs, by running it), then
// hand over to the compiled CLI.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'main.js');

try {
  // The checks in ensure-build.mjs are relative to the project root, wherever the user stands.
  // Its output goes to stderr: stdout may be an export being piped somewhere.
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  // ensure-build.mjs watches dist/main.js; a dist/ built before the CLI existed lacks this entry.
  if (!existsSync(entry)) {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: ['ignore', 2, 2],
      },
    );
  }
} catch {
  process.stderr.write('kpi-ledger: the build failed (see above); fix it or run `npm run build`\n');
  process.exit(1);
}

await import(pathToFileURL(entry).href);

// The dashboard is built into dist/web, beside the compiled server, which serves it at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.KPI_LEDGER_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  // `npm run dev:web` serves the dashboard with live reload against a running API.
  server: { proxy: Object.fromEntries(['/companies', '/audit', '/fx-rates', '/health'].map((p) => [p, api])) },
});

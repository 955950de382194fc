import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The analyst dashboard (web/, built by `npm run build` into dist/web) is served from the same
 * app at `/`. This module sits two folders below src/ or dist/, so `../../../dist/web` names the
 * built dashboard both when the compiled server runs and when the specs run the sources.
 */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/**
 * Registers one route per built file (`wildcard: false`), plus `/` for index.html: the dashboard
 * routes in the URL fragment (`/#/companies/…`), so it claims no API path and an unknown path
 * still gets the API's own 404. Hashed assets are immutable; index.html is revalidated.
 */
export async function serveDashboard(app: NestFastifyApplication, dir = DASHBOARD_DIR): Promise<void> {
  if (!existsSync(`${dir}/index.html`)) {
    new Logger('Dashboard').warn(`not served: ${dir} has no index.html (npm run build makes it)`);
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}

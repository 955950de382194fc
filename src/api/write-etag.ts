import type { FastifyInstance } from 'fastify';
import type { WriteResult } from '../application/write-options.js';
import { WRITE_COMMANDS } from './write-commands.js';

/**
 * Every write answers 201 with `ETag: "<revision>"` of the stream it wrote, the revision a client
 * sends back as `If-Match`. Set here, by a Fastify hook on the routes of the write table, rather
 * than by a Nest interceptor: an interceptor runs every request of its routes through rxjs (an
 * Observable chain around the handler), about 4 % of a figure write's request thread.
 */
export function addWriteETags(fastify: FastifyInstance): void {
  // Fastify's form of the table's routes: `POST /companies/:companyId/metrics`.
  const writeRoutes = new Set(Object.values(WRITE_COMMANDS).map(({ route }) => route.replace(/\{(\w+)\}/g, ':$1')));
  fastify.addHook('preSerialization', (request, reply, payload, done) => {
    if (reply.statusCode === 201 && writeRoutes.has(`${request.method} ${request.routeOptions.url ?? ''}`)) {
      void reply.header('etag', `"${(payload as WriteResult).revision}"`);
    }
    done(null, payload);
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers on every answer (API, /docs, static files). With the options this app
 * uses they do not depend on the request, so helmet runs once, at start, against a recorder, and
 * every answer gets the recorded headers in one `reply.headers` call. Running helmet's chain of a
 * dozen middlewares per request, each with its own `setHeader`, was 6 % of the CPU of a cached
 * scoreboard read (profile of `bench --only reads`); @fastify/helmet before it built a new helmet
 * per request. Same headers, same values; the names go out in lower case, as Fastify's own do.
 */
export function addSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet sets with these options, by lower-case name; throws for bad options. */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  if (hasPerRequestValues(options)) {
    throw new Error('security headers: CSP directives computed per request (functions) are not supported');
  }
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) {
    throw failure instanceof Error ? failure : new Error('security headers failed', { cause: failure });
  }
  return Object.freeze(headers);
}

function hasPerRequestValues(options: HelmetOptions): boolean {
  const csp = options.contentSecurityPolicy;
  if (typeof csp !== 'object' || csp.directives === undefined) return false;
  return Object.values(csp.directives).some(
    (value) => typeof value === 'function' || (Array.isArray(value) && value.some((v) => typeof v === 'function')),
  );
}

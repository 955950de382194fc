import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ProblemException, problem } from '../api/problem-details/problem.js';
import type { AppConfig } from '../config/app-config.js';
import { AccessKeys } from './access-keys.js';

/** Never limited: a load balancer's health checks must always get through. */
const UNLIMITED_ROUTES = new Set(['/health']);

/**
 * RATE_LIMIT per key, across all routes; per client IP for requests without a valid key (so a
 * flood of bad keys is limited before it is refused) and in open mode, where it applies only when
 * RATE_LIMIT is set explicitly. Counted in this process (fixed windows): N api processes allow N
 * times the rate in total. @fastify/rate-limit rather than @nestjs/throttler: the latter is
 * CommonJS and require()s the ESM-only @nestjs/common 12, which Jest on Node 20 cannot load.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const limit = config.security.rateLimit;
  if (limit === null) return;
  const keys = app.get(AccessKeys);
  const callerKey = async (request: FastifyRequest) => {
    const caller = await keys.authenticateRequest(request);
    if (caller.kind === 'caller') return `key:${caller.name}`;
    return caller.kind === 'open' ? 'open' : `ip:${request.ip}`;
  };
  await app.register(rateLimit, {
    global: true,
    max: limit.limit,
    timeWindow: limit.windowMs,
    keyGenerator: async (request) => {
      const key = await callerKey(request);
      return key === 'open' ? `ip:${request.ip}` : key;
    },
    allowList: async (request) =>
      UNLIMITED_ROUTES.has(request.routeOptions.url ?? '') ||
      (!limit.explicit && (await callerKey(request)) === 'open'),
    errorResponseBuilder: (_request, context) =>
      new ProblemException(
        problem(
          429,
          'RATE_LIMITED',
          `More than ${context.max} requests in ${Math.round(limit.windowMs / 1000)} s; retry after ${context.after} (Retry-After)`,
        ),
      ),
  });
}

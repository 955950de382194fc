import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config.js';
import { AppModule, type AppOverrides } from './app.module.js';
import { PROBLEM_CONTENT_TYPE, problem } from './api/problem-details/problem.js';
import { rejectDeepBodies } from './api/validation/body-depth.js';
import { addWriteETags } from './api/write-etag.js';
import { requestValidationPipe } from './api/write-commands.js';
import { serveDashboard } from './api/dashboard/serve-dashboard.js';
import { ChainCheck } from './application/chain-check.js';
import { CLOCK, type Clock } from './application/clock.js';
import { AccessKeys } from './access/access-keys.js';
import { registerRateLimit } from './access/rate-limit.js';
import { addSecurityHeaders } from './access/security-headers.js';
import { isLoopbackHost } from './config/security-config.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface CreateAppOptions extends AppOverrides {
  logger?: false | LogLevel[];
}

/** Builds the HTTP application (not yet listening): used by main.ts and the end-to-end specs. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: options.logger ?? ['warn', 'error', 'fatal'], abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: without a text/plain parser, other bodies answer 415.
  fastify.removeContentTypeParser('text/plain');
  // Once close() has begun (a shutdown signal), answers tell the client to close its connection:
  // a kept-alive connection that goes idle after that would hold the shutdown for its keep-alive
  // timeout (close() only ends the connections idle when it starts).
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('preValidation', rejectDeepBodies);
  addWriteETags(fastify);
  if (config.role === 'projector') {
    // A projector process only projects; it answers its health check and its metrics, nothing else.
    fastify.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (path === '/health' || path === '/metrics') return;
      const body = problem(
        404,
        'NOT_SERVED_BY_ROLE',
        'This process runs ROLE=projector: it serves GET /health and GET /metrics only',
      );
      await reply.status(404).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
    });
  }
  await secure(app, config);
  app.useGlobalPipes(requestValidationPipe());
  if (config.role !== 'projector') await serveDashboard(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('KPI Ledger')
      .setDescription('An event-sourced, hash-chained ledger of what companies promise and what they report.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (README "Security")' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

/** Checks the hash chain in the background once the app is up (see ChainCheck). */
export function checkChainInBackground(app: NestFastifyApplication): void {
  const clock = app.get<Clock>(CLOCK);
  void app
    .get(ChainCheck)
    .run(() => clock.now())
    .catch(() => undefined);
}

/**
 * Security headers on every answer (API, /docs, static files), the rate limit, and CORS only for
 * the configured origins. The CSP is helmet's default (scripts and styles from 'self', all that
 * Swagger UI and a Vite-built page need) without upgrade-insecure-requests: TLS is terminated in
 * front of the app, and over plain HTTP that directive would break /docs.
 */
async function secure(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  addSecurityHeaders(app.getHttpAdapter().getInstance(), {
    contentSecurityPolicy: { useDefaults: true, directives: { 'upgrade-insecure-requests': null } },
  });
  await registerRateLimit(app, config);
  if (config.security.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.security.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-correlation-id'],
      exposedHeaders: ['etag', 'retry-after', 'www-authenticate'],
      maxAge: 600,
    });
  }
}

/**
 * Open mode, decided once the access stream is read: without any key the server answers anyone
 * who can connect, so it may only listen on loopback. Returns the line to print; throws when the
 * server must not start. A projector answers GET /health only and needs no key.
 */
export function openModeCheck(app: NestFastifyApplication, config: AppConfig): string | undefined {
  const keys = app.get(AccessKeys);
  if (config.role === 'projector' || keys.hasActiveKeys()) return undefined;
  if (!isLoopbackHost(config.host)) {
    throw new Error(
      `HOST=${config.host} is reachable from other machines but no API key exists: add one (API_KEYS=name:role:secret, or kpi-ledger keys add) or listen on 127.0.0.1`,
    );
  }
  if (!keys.openMode) {
    return 'WARNING: every API key is revoked: every request but GET /health is refused (401) until a key is added (kpi-ledger keys add)';
  }
  return `WARNING: OPEN MODE: no API key exists, so every request is accepted without authentication and writes are recorded as "anonymous". This is only allowed because HOST=${config.host} is loopback. Add a key (kpi-ledger keys add --name <name> --role analyst) to require keys.`;
}

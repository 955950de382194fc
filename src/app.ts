import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config.js';
import { AppModule, type AppOverrides } from './app.module.js';
import { PROBLEM_CONTENT_TYPE, problem } from './api/problem-details/problem.js';
import { rejectDeepBodies } from './api/validation/body-depth.js';
import { requestValidationPipe } from './api/write-commands.js';
import { ChainCheck } from './application/chain-check.js';
import { CLOCK, type Clock } from './application/clock.js';

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
  fastify.addHook('preValidation', rejectDeepBodies);
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
  app.useGlobalPipes(requestValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('KPI Ledger')
      .setDescription('An event-sourced, hash-chained ledger of what companies promise and what they report.')
      .setVersion('0.1.0')
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

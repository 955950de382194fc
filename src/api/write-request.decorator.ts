import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { WriteOptions } from '../application/write-options.js';
import { requestCaller } from '../access/request-caller.js';
import { ProblemException, problem } from './problem-details/problem.js';
import { requestHashOf } from './write-commands.js';

const IF_MATCH = /^"(0|[1-9]\d{0,14})"$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The actor of writes in open mode (no API key configured, loopback only). */
export const ANONYMOUS = 'anonymous';

/** Reads the write preconditions (If-Match, Idempotency-Key) and the caller off the request. */
export function writeOptionsOf(request: FastifyRequest): WriteOptions {
  const ifMatch = header(request, 'if-match');
  const idempotencyKey = header(request, 'idempotency-key');
  const correlationId = header(request, 'x-correlation-id');
  const options: WriteOptions = {
    actor: requestCaller(request) ?? ANONYMOUS,
    route: `${request.method} ${request.url.split('?')[0]}`,
    correlationId: correlationId !== undefined && CORRELATION_ID.test(correlationId) ? correlationId : randomUUID(),
  };
  if (ifMatch !== undefined) {
    const match = IF_MATCH.exec(ifMatch.trim());
    if (!match) throw badHeader('If-Match', 'must be a strong ETag of a stream revision, e.g. "3"');
    options.ifMatch = Number(match[1]);
  }
  if (idempotencyKey !== undefined) {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      throw badHeader('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    options.idempotencyKey = idempotencyKey;
    options.requestHash = requestHashOf(request.body);
  }
  return options;
}

export const WriteRequest = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  writeOptionsOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function badHeader(field: string, message: string) {
  return new ProblemException(problem(400, 'INVALID_HEADER', `${field} ${message}`, [{ field, message }]));
}

import {
  applyDecorators,
  type ArgumentMetadata,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JsonText } from '../../shared/json-text.js';
import { requestValidationPipe } from '../write-commands.js';
import { ReadQueryDto } from './read-query.dto.js';

const validation = requestValidationPipe();
const AS_READ_QUERY: ArgumentMetadata = { type: 'query', metatype: ReadQueryDto };

const isEmpty = (query: object) => {
  for (const _ in query) return false;
  return true;
};

/**
 * The query string of a read as a validated ReadQueryDto, with the global pipe's own rules and
 * errors. Most reads have no query string, and every field of ReadQueryDto is optional, so an
 * empty one is valid as it stands: it skips class-transformer and class-validator, which were a
 * tenth of the CPU of a cached scoreboard.
 */
export class ReadQueryPipe implements PipeTransform<object, Promise<ReadQueryDto>> {
  async transform(query: object): Promise<ReadQueryDto> {
    if (isEmpty(query)) return new ReadQueryDto();
    return (await validation.transform(query, AS_READ_QUERY)) as ReadQueryDto;
  }
}

/**
 * `@ReadQuery()` in place of `@Query()`: a custom parameter, which the global ValidationPipe
 * leaves alone, validated by ReadQueryPipe.
 */
export const ReadQuery = () => queryString(new ReadQueryPipe());

const queryString = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().query as object,
);

/** The OpenAPI description of the query parameters, as `@Query() query: ReadQueryDto` gave it. */
export const ReadQueryParameters = () =>
  applyDecorators(
    ApiQuery({
      name: 'asOf',
      required: false,
      description: 'Only facts public on or before this date (default: today)',
      schema: { format: 'date', example: '2017-01-01', type: 'string' },
    }),
    ApiQuery({
      name: 'recordedAsOf',
      required: false,
      description: 'The ledger exactly as it stood at this instant',
      schema: { example: '2019-01-01T00:00:00Z', type: 'string' },
    }),
    ApiQuery({
      name: 'minPosition',
      required: false,
      description: "Wait (bounded) until the read models include this write's position",
      schema: { type: 'number' },
    }),
  );

/** What Fastify sends for an object it encodes itself. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sends JSON text encoded earlier (a cached view) as it is. */
export function sendJson(reply: FastifyReply, body: JsonText): string {
  void reply.header('content-type', JSON_CONTENT_TYPE);
  return body.text;
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCategory } from '../../ledger/shared/domain-error.js';
import { PROBLEM_CONTENT_TYPE, type Problem, ProblemException, problem, titleFor } from './problem.js';

const STATUS_OF: Record<ErrorCategory, number> = { validation: 400, not_found: 404, conflict: 409, precondition: 412 };

/** Every error leaves as problem details; nothing internal (stack, SQL) reaches the client. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500) this.logger.error(`${request.method} ${request.url}: ${describe(exception)}`);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof DomainError) {
      const status = STATUS_OF[exception.category];
      return problem(
        status,
        exception.code,
        exception.message,
        exception.field ? [{ field: exception.field, message: exception.message }] : undefined,
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Fastify's own errors (body too large, wrong content type) reach here wrapped by Nest.
      const code = status === 404 ? 'ROUTE_NOT_FOUND' : fastifyCode(status);
      const detail =
        status === 404 ? `No route ${request.method} ${request.url.split('?')[0]}` : fastifyDetail(exception, status);
      return problem(status, code, detail);
    }
    const fastifyStatus = fastifyErrorStatus(exception);
    if (fastifyStatus !== undefined) {
      return problem(fastifyStatus, fastifyCode(fastifyStatus), fastifyDetail(exception, fastifyStatus));
    }
    return {
      type: 'about:blank',
      title: titleFor(500),
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

/** Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function fastifyErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function fastifyCode(status: number): string {
  switch (status) {
    case 413:
      return 'BODY_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 400:
      return 'MALFORMED_BODY';
    default:
      return `HTTP_${status}`;
  }
}

function fastifyDetail(exception: unknown, status: number): string {
  if (status === 415) return 'Send JSON with Content-Type: application/json';
  if (status === 413) return 'The request body is larger than the server accepts';
  const message = (exception as { message?: unknown }).message;
  return typeof message === 'string' ? message : titleFor(status);
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}

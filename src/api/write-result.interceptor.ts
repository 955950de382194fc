import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { WriteResult } from '../application/write-options.js';

/** Every write answers 201 with `ETag: "<revision>"` of the stream it wrote. */
@Injectable()
export class WriteResultInterceptor implements NestInterceptor<WriteResult, WriteResult> {
  intercept(context: ExecutionContext, next: CallHandler<WriteResult>): Observable<WriteResult> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result) => {
        void reply.header('etag', `"${result.revision}"`);
        return result;
      }),
    );
  }
}

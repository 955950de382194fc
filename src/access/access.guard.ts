import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problem } from '../api/problem-details/problem.js';
import { mayAccess, type RouteAccess } from '../ledger/access/access-rights.js';
import { AccessKeys } from './access-keys.js';
import { ACCESS_METADATA } from './access.decorator.js';
import { setRequestCaller } from './request-caller.js';

export const routeAccessOf = (reflector: Reflector, context: ExecutionContext): RouteAccess | undefined =>
  reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);

/** Who may call a route: its @Access against the caller's key (README "Security"). */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: AccessKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccessOf(this.reflector, context);
    if (access === 'public') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const caller = await this.keys.authenticateRequest(request);
    if (caller.kind === 'refused') {
      const error = caller.code === 'API_KEY_MISSING' ? '' : ', error="invalid_token"';
      void http.getResponse<FastifyReply>().header('www-authenticate', `Bearer realm="kpi-ledger"${error}`);
      throw new ProblemException(problem(401, caller.code, caller.detail));
    }
    if (access === undefined) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} has no @Access: refused to everybody`);
      throw new ProblemException(
        problem(403, 'ACCESS_NOT_DECLARED', 'This route declares no access rule, so it is refused to everybody'),
      );
    }
    if (caller.kind === 'open') return true;
    if (!mayAccess(caller.role, access)) {
      throw new ProblemException(
        problem(
          403,
          'ROLE_FORBIDDEN',
          `The key ${caller.name} has the role ${caller.role}, which may not ${access} here`,
        ),
      );
    }
    setRequestCaller(request, caller.name);
    return true;
  }
}

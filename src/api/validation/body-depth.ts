import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem } from '../problem-details/problem.js';

/**
 * The deepest JSON a request body may nest. The deepest real body is three levels
 * (`translations[0].currency`); the validation pipe and the canonical JSON of an Idempotency-Key
 * recurse, so a body of thousands of levels (which fits in 64 KiB) would overflow the stack.
 */
export const MAX_BODY_DEPTH = 32;

/** Depth of a parsed JSON value, walked with an explicit stack (no recursion to overflow). */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Fastify preValidation hook: 400 BODY_TOO_DEEP before anything recursive sees the body. */
export async function rejectDeepBodies(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (typeof request.body !== 'object' || request.body === null || !exceedsDepth(request.body, MAX_BODY_DEPTH)) return;
  const body = problem(400, 'BODY_TOO_DEEP', `The JSON body nests deeper than ${MAX_BODY_DEPTH} levels`);
  await reply.status(400).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

import { Access } from '../../access/access.decorator.js';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ChainCheck } from '../../application/chain-check.js';
import { Projector } from '../../read-side/projector.js';

@ApiTags('health')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chain: ChainCheck,
    private readonly projector: Projector,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Health of the stores and the projections (503 when the event store is unreachable)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [events, projections] = await Promise.all([
      attempt(() => this.store.lastPosition()),
      attempt(() => this.projector.runner.status()),
    ]);
    const failed = projections.ok && projections.value.some((p) => p.failed !== undefined);
    // Without the event store nothing can be written or verified: not healthy. A broken chain, a
    // stopped projection or an unreachable read store degrade the service; the API keeps answering.
    const status = !events.ok
      ? 'down'
      : this.chain.result?.ok === false || failed || !projections.ok
        ? 'degraded'
        : 'ok';
    if (status === 'down') void reply.status(503);
    return {
      status,
      role: this.config.role,
      eventStore: {
        kind: scheme(this.config.eventStoreUrl),
        reachable: events.ok,
        ...(events.ok ? { lastPosition: events.value } : { error: events.error }),
      },
      readStore: {
        kind: scheme(this.config.readModelUrl),
        reachable: projections.ok,
        ...(projections.ok ? {} : { error: projections.error }),
      },
      projector: { leader: this.projector.leader },
      projections: projections.ok ? projections.value : [],
      hashChain: this.chain.result ?? { ok: null, detail: 'check at start-up still running' },
    };
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

/** A store call that may fail while the store is down; the message names the cause, never a secret. */
async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** Only the scheme: a URL may carry credentials. */
const scheme = (url: string) => url.split(':')[0];

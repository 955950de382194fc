import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ChainCheck } from '../../application/chain-check.js';
import { Projector } from '../../read-side/projector.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chain: ChainCheck,
    private readonly projector: Projector,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Health of the stores and the projections' })
  async health() {
    const [lastPosition, projections] = await Promise.all([this.store.lastPosition(), this.projector.runner.status()]);
    const failed = projections.some((p) => p.failed !== undefined);
    return {
      // A broken chain or a stopped projection degrades the service; the API keeps answering.
      status: this.chain.result?.ok === false || failed ? 'degraded' : 'ok',
      role: this.config.role,
      eventStore: { kind: scheme(this.config.eventStoreUrl), reachable: true, lastPosition },
      readStore: { kind: scheme(this.config.readModelUrl), reachable: true },
      projector: { leader: this.projector.leader },
      projections,
      hashChain: this.chain.result ?? { ok: null, detail: 'check at start-up still running' },
    };
  }
}

/** Only the scheme: a URL may carry credentials. */
const scheme = (url: string) => url.split(':')[0];

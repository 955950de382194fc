import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ChainCheck } from '../../application/chain-check.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chain: ChainCheck,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Health of the stores' })
  async health() {
    const lastPosition = await this.store.lastPosition();
    return {
      status: this.chain.result?.ok === false ? 'degraded' : 'ok',
      role: this.config.role,
      eventStore: { kind: this.config.eventStoreUrl.split(':')[0], reachable: true, lastPosition },
      hashChain: this.chain.result ?? { ok: null, detail: 'check at start-up still running' },
    };
  }
}

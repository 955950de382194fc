import { Access } from '../../access/access.decorator.js';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EVENT_STORE,
  type EventStore,
  type StoredEvent,
  type VerifyReport,
} from '../../event-store/event-store.port.js';
import { AuditEventsQueryDto } from './audit-events.query.dto.js';

/**
 * The published shape of a logged event (`GET /audit/events`, `kpi-ledger export`): exactly the
 * fields an outside auditor needs to recompute every hash, nothing an adapter may add.
 */
export function auditEvent({ position, stream, revision, type, data, metadata, hash, prevHash }: StoredEvent) {
  return { position, stream, revision, type, data, metadata, hash, prevHash };
}

@ApiTags('audit')
@Access('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('events')
  @ApiOperation({ summary: 'The raw event log in commit order, paged; every hash recomputable by an outside auditor' })
  async events(@Query() query: AuditEventsQueryDto): Promise<{ events: StoredEvent[]; nextAfter: number }> {
    const after = query.after ?? 0;
    const events = await this.store.readAll({ after, limit: query.limit ?? 100 });
    return {
      events: events.map(auditEvent),
      nextAfter: events.length > 0 ? events[events.length - 1].position : after,
    };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Re-computes every hash; names the first broken stream and revision' })
  verify(): Promise<VerifyReport> {
    return this.store.verify();
  }
}

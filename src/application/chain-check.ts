import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type VerifyReport } from '../event-store/event-store.port.js';

/**
 * Verifies the hash chain once at start-up, in the background: a broken chain does not stop the
 * server (auditors must still read what is there) but is logged loudly and shown in /health.
 * VERIFY_ON_START=true makes the store refuse to open instead (see the event store factory).
 */
@Injectable()
export class ChainCheck {
  private readonly logger = new Logger('HashChain');
  result?: VerifyReport & { checkedAt: string };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(now: () => Date): Promise<VerifyReport> {
    const report = await this.store.verify();
    this.result = { ...report, checkedAt: now().toISOString() };
    if (report.ok) {
      this.logger.log(`hash chain ok: ${report.events} events in ${report.streams} streams`);
    } else {
      const b = report.firstBroken;
      this.logger.error(
        `HASH CHAIN BROKEN at ${b?.stream} revision ${b?.revision} (position ${b?.position}): ${b?.reason}. ` +
          'The store was altered outside the ledger; serving reads, run GET /audit/verify for details.',
      );
    }
    return report;
  }
}

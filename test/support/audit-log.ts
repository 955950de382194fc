import type { TestApp } from './test-app.js';

/** One event of GET /audit/events. */
export interface AuditEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

/** The whole log, page by page (`limit` per page), following `nextAfter`. */
export async function allEvents(t: TestApp, limit = 1000): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let after = 0;
  for (;;) {
    const res = await t.http().get(`/audit/events?after=${after}&limit=${limit}`).expect(200);
    const page = res.body as { events: AuditEvent[]; nextAfter: number };
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.nextAfter;
  }
}

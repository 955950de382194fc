import type { StoredEvent } from '../event-store/event-store.port.js';
import { eventsAsOf, foldCompanyLedger } from '../projections/ledger/index.js';
import { eventsByStream, LedgerScript } from '../projections/ledger/test-events.js';
import { FoldSnapshots } from './fold-snapshots.js';

/** The reference: the whole fold of every event recorded by the limit. */
const reference = (events: readonly StoredEvent[], recordedAsOf: string) =>
  foldCompanyLedger(eventsAsOf(events, { recordedAsOf }));

/** Limits around every recording instant: just before, at, and just after each. */
const limits = (events: readonly StoredEvent[]) =>
  events.flatMap((e) => {
    const at = Date.parse(e.metadata.recordedAt);
    return [at - 1, at, at + 1].map((ms) => new Date(ms).toISOString());
  });

function history(): LedgerScript {
  const script = new LedgerScript()
    .recordAt('2021-01-01T00:00:00.000Z')
    .register()
    .define('revenue')
    .define('users', 'count');
  script.announce('grow', 'revenue', {
    comparator: 'gte',
    value: '500',
    deadline: 'FY2030',
    announcedAt: '2021-01-02',
  });
  for (let year = 2001; year <= 2012; year++) {
    script.report('revenue', `FY${year}`, String(100 + year), `${year + 1}-02-01`);
    script.report('users', `FY${year}`, String(year), `${year + 1}-02-01`);
  }
  // Recorded out of order (clock skew between api processes): a later position, an earlier instant.
  script.recordAt('2021-01-01T00:00:30.500Z').restate('revenue', 'FY2005', '999', '2014-01-01', { reason: 'restated' });
  script.recordAt('2021-01-01T01:00:00.000Z').correctFigure('revenue', 'FY2005', { value: '998', reason: 'typo' });
  script.revise('grow', { value: '600', announcedAt: '2021-06-01' });
  return script;
}

describe('FoldSnapshots', () => {
  it('answers every recordedAsOf exactly like the whole fold, from snapshots it makes on the way', () => {
    const events = history().companyEvents;
    const snapshots = new FoldSnapshots({ step: 4, minEvents: 8, perCompany: 3 });
    for (const limit of limits(events)) {
      expect(snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit)).toEqual(reference(events, limit));
    }
    expect(snapshots.size).toBeGreaterThan(0);
    // Later limits first too: snapshots made for a late limit must not serve an earlier one.
    for (const limit of limits(events).reverse()) {
      expect(snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit)).toEqual(reference(events, limit));
    }
  });

  it('stays right when writes add events and streams after a snapshot was made', () => {
    const script = history();
    const snapshots = new FoldSnapshots({ step: 4, minEvents: 8 });
    const late = '2031-01-01T00:00:00.000Z';
    snapshots.ledgerAsRecorded('acme', eventsByStream(script.companyEvents), late);
    script
      .recordAt('2021-01-01T00:01:00.000Z')
      .define('margin', 'percent')
      .report('margin', 'FY2010', '12', '2011-03-01');
    script.restate('users', 'FY2003', '7', '2015-01-01', { reason: 'recount' });
    const events = script.companyEvents;
    for (const limit of [late, '2021-01-01T00:01:00.500Z', '2021-01-01T00:00:10.000Z']) {
      expect(snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit)).toEqual(reference(events, limit));
    }
  });

  it('does not use a snapshot once the streams hold other events up to its position', () => {
    const events = history().companyEvents;
    const withoutUsers = events.filter((e) => !e.stream.endsWith('.users'));
    const snapshots = new FoldSnapshots({ step: 4, minEvents: 8 });
    const limit = '2031-01-01T00:00:00.000Z';
    // Made while the read model did not list the users metric yet ...
    expect(snapshots.ledgerAsRecorded('acme', eventsByStream(withoutUsers), limit)).toEqual(
      reference(withoutUsers, limit),
    );
    // ... it would miss the users events below its position: the count shows it, so it is not used.
    expect(snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit)).toEqual(reference(events, limit));
  });

  it('covers at most maxEvents events with all its snapshots, over companies and limits', () => {
    const snapshots = new FoldSnapshots({ step: 4, minEvents: 8, perCompany: 3, companies: 3, maxEvents: 24 });
    const companies = ['acme', 'globex', 'initech'].map((id) => ({ id, events: history().companyEvents }));
    for (const { id, events } of companies) {
      for (const limit of limits(events)) {
        expect(snapshots.ledgerAsRecorded(id, eventsByStream(events), limit)).toEqual(reference(events, limit));
        expect(snapshots.coveredEvents).toBeLessThanOrEqual(24);
      }
    }
    expect(snapshots.size).toBeGreaterThan(0);
  });

  it('keeps the snapshots it makes frozen, so that no read can change them', () => {
    const events = history().companyEvents;
    const snapshots = new FoldSnapshots({ step: 4, minEvents: 8 });
    const limit = '2031-01-01T00:00:00.000Z';
    const first = snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit);
    const again = snapshots.ledgerAsRecorded('acme', eventsByStream(events), limit);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(() => {
      (again.metrics.revenue.figures['2001-01-01..2001-12-31'] as { value: string }).value = 'x';
    }).toThrow(TypeError);
  });
});

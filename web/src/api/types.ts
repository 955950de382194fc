/**
 * The shapes the dashboard reads, taken from the server's own read-side types (type-only imports,
 * erased from the bundle) so that a change of the HTTP contract fails `npm run check` here too.
 */
import type { VerifyReport } from '../../../src/event-store/event-store.port.js';
import type { HistoryEntry } from '../../../src/projections/ledger/history.js';
import type {
  CompanyLedgerView,
  MetricLedgerView,
  TargetLedgerView,
} from '../../../src/projections/ledger/ledger-views.js';
import type { ScoreboardRow } from '../../../src/projections/ledger/target-status.js';
import type { CompanySummary } from '../../../src/read-side/read-models.js';

export type { CompanySummary, HistoryEntry, MetricLedgerView, ScoreboardRow, TargetLedgerView, VerifyReport };
export type { MetricFigureRow, MetricSummary } from '../../../src/projections/ledger/ledger-views.js';
export type { Source } from '../../../src/ledger/values/source.js';

export type CompanyView = CompanyLedgerView & { id: string };
export type MetricView = MetricLedgerView & { id: string };
export type Scoreboard = { companyId: string; asOf: string; recordedAsOf: string | null; targets: ScoreboardRow[] };
export type HistoryList = { entries: HistoryEntry[] };

/** GET /audit/events: the published event shape, every hash recomputable from it. */
export type AuditEvent = {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { recordedAt: string; recordedBy: string };
  hash: string;
  prevHash: string;
};
export type AuditPage = { events: AuditEvent[]; nextAfter: number };

/** RFC 9457 problem details, as every error answer carries them. */
export type { FieldError, Problem } from '../../../src/api/problem-details/problem.js';

/** The answer to every write. */
export type WriteResult = { id?: string; stream: string; revision: number; position: number };

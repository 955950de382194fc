import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { READ_MODELS } from '../../read-side/read-models.js';
import type { ProjectionRunnerLogger } from '../../read-store/projection-runner.js';
import { checkRebuildEqualsLive as compareWithRebuild } from '../../read-store/rebuild-check.js';
import { READ_STORE, type ReadStore } from '../../read-store/read-store.port.js';

/** Outcome of comparing the live read models with a rebuild from position 0. */
export interface ReadModelCheck {
  ok: boolean;
  /** One line for the user: what was compared, or the first difference. */
  detail: string;
}

/**
 * The "rebuild equals live" half of `kpi-ledger verify`: catches the live read models up, replays
 * the whole log into a throw-away store and compares them document by document. The runs report
 * to `logger` (the runner's default, console, would put "rebuilding…" on stdout, among the results).
 */
export async function checkRebuildEqualsLive(
  context: INestApplicationContext,
  logger: ProjectionRunnerLogger,
): Promise<ReadModelCheck> {
  const result = await compareWithRebuild(
    context.get<EventStore>(EVENT_STORE),
    context.get<ReadStore>(READ_STORE),
    READ_MODELS,
    { logger },
  );
  const documents = result.projections.reduce((n, p) => n + p.documents, 0);
  if (result.ok) return { ok: true, detail: `${result.projections.length} read models, ${documents} documents` };
  const bad = result.projections.find((p) => !p.ok);
  const first = bad?.differences[0];
  const where = first
    ? `document "${first.key}" differs`
    : `checkpoint ${bad?.livePosition} live vs ${bad?.rebuiltPosition} rebuilt`;
  return { ok: false, detail: `${bad?.name}: ${where} (${bad?.differenceCount ?? 0} documents differ)` };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { READ_MODELS } from '../../read-side/read-models.js';
import type { ProjectionProgress, ProjectionRunnerLogger } from '../../read-store/projection-runner.js';
import { checkRebuildEqualsLive as compareWithRebuild } from '../../read-store/rebuild-check.js';
import { READ_STORE, type ReadStore } from '../../read-store/read-store.port.js';
import { SqliteReadStore } from '../../read-store/sqlite/sqlite-read-store.js';
import { CliError } from '../cli-error.js';

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
 *
 * The throw-away store is a SQLite file in a new directory under the system's temporary directory
 * (TMPDIR), removed afterwards whatever happens: rebuilt in memory, the read models of a
 * 1,010,000-event ledger took the check to 2.8 GB. It needs about as much free disk as the live
 * read models take.
 */
export async function checkRebuildEqualsLive(
  context: INestApplicationContext,
  logger: ProjectionRunnerLogger,
  onProgress?: (progress: ProjectionProgress) => void,
): Promise<ReadModelCheck> {
  const dir = scratchDirectory();
  try {
    const scratch = SqliteReadStore.open(join(dir, 'rebuilt.db'));
    try {
      return describe(
        await compareWithRebuild(
          context.get<EventStore>(EVENT_STORE),
          context.get<ReadStore>(READ_STORE),
          READ_MODELS,
          {
            logger,
            scratch,
            onProgress,
          },
        ),
      );
    } finally {
      await scratch.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function scratchDirectory(): string {
  try {
    return mkdtempSync(join(tmpdir(), 'kpi-ledger-verify-'));
  } catch (error) {
    throw new CliError(
      `cannot make the scratch directory for the rebuild under ${tmpdir()} (set TMPDIR to a directory with room): ` +
        (error instanceof Error ? error.message : String(error)),
    );
  }
}

function describe(result: Awaited<ReturnType<typeof compareWithRebuild>>): ReadModelCheck {
  const documents = result.projections.reduce((n, p) => n + p.documents, 0);
  if (result.ok) return { ok: true, detail: `${result.projections.length} read models, ${documents} documents` };
  const bad = result.projections.find((p) => !p.ok);
  const first = bad?.differences[0];
  const where = first
    ? `document "${first.key}" differs`
    : `checkpoint ${bad?.livePosition} live vs ${bad?.rebuiltPosition} rebuilt`;
  return { ok: false, detail: `${bad?.name}: ${where} (${bad?.differenceCount ?? 0} documents differ)` };
}

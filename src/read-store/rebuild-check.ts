import { isDeepStrictEqual } from 'node:util';
import type { EventStore } from '../event-store/event-store.port.js';
import type { DocumentProjection } from './document-projection.js';
import { MemoryReadStore } from './memory/memory-read-store.js';
import { ProjectionRunner, type ProjectionProgress, type ProjectionRunnerLogger } from './projection-runner.js';
import type { ProjectionFailure, ReadStore } from './read-store.port.js';
import { compareKeys } from './read-store-rules.js';

/** One key whose document differs; a side without the key has no `live` / `rebuilt` property. */
export interface ReadModelDifference {
  key: string;
  live?: unknown;
  rebuilt?: unknown;
}

export interface ReadModelComparison {
  name: string;
  ok: boolean;
  livePosition: number;
  rebuiltPosition: number;
  liveFailedAt?: ProjectionFailure;
  rebuiltFailedAt?: ProjectionFailure;
  /** Documents in the live read model. */
  documents: number;
  /** The first differences in key order (at most `maxDifferences`). */
  differences: ReadModelDifference[];
  /** How many keys differ in all. */
  differenceCount: number;
}

/**
 * Compares two stores' read models document by document, plus their checkpoints and failures.
 * Both dumps are in key order, so one merge pass finds every difference.
 */
export async function compareReadModels(
  names: readonly string[],
  live: ReadStore,
  rebuilt: ReadStore,
  maxDifferences = 10,
): Promise<ReadModelComparison[]> {
  const comparisons: ReadModelComparison[] = [];
  for (const name of names) {
    const [a, b, liveStatus, rebuiltStatus] = await Promise.all([
      live.dump(name),
      rebuilt.dump(name),
      live.status(name),
      rebuilt.status(name),
    ]);
    const differences: ReadModelDifference[] = [];
    let differenceCount = 0;
    const differ = (difference: ReadModelDifference) => {
      differenceCount++;
      if (differences.length < maxDifferences) differences.push(difference);
    };
    for (let i = 0, j = 0; i < a.length || j < b.length;) {
      const order = i >= a.length ? 1 : j >= b.length ? -1 : compareKeys(a[i].key, b[j].key);
      if (order < 0) {
        differ({ key: a[i].key, live: a[i++].doc });
      } else if (order > 0) {
        differ({ key: b[j].key, rebuilt: b[j++].doc });
      } else {
        if (!isDeepStrictEqual(a[i].doc, b[j].doc)) differ({ key: a[i].key, live: a[i].doc, rebuilt: b[j].doc });
        i++;
        j++;
      }
    }
    const comparison: ReadModelComparison = {
      name,
      ok:
        differenceCount === 0 &&
        (liveStatus?.position ?? 0) === (rebuiltStatus?.position ?? 0) &&
        liveStatus?.failedAt?.position === rebuiltStatus?.failedAt?.position,
      livePosition: liveStatus?.position ?? 0,
      rebuiltPosition: rebuiltStatus?.position ?? 0,
      documents: a.length,
      differences,
      differenceCount,
    };
    if (liveStatus?.failedAt) comparison.liveFailedAt = liveStatus.failedAt;
    if (rebuiltStatus?.failedAt) comparison.rebuiltFailedAt = rebuiltStatus.failedAt;
    comparisons.push(comparison);
  }
  return comparisons;
}

export interface RebuildCheckOptions {
  batchSize?: number;
  maxDifferences?: number;
  onProgress?: (progress: ProjectionProgress) => void;
  logger?: ProjectionRunnerLogger;
}

/**
 * The "rebuild equals live" check of `verify`: catches the live read models up to the end of the
 * log, replays the whole log into a scratch in-memory store, and compares the two. If events are
 * appended in between, the positions differ and the check fails: run it again (or while writes
 * are paused). A projection that fails must fail at the same event both ways.
 */
export async function checkRebuildEqualsLive(
  eventStore: EventStore,
  liveStore: ReadStore,
  projections: readonly DocumentProjection[],
  options: RebuildCheckOptions = {},
): Promise<{ ok: boolean; projections: ReadModelComparison[] }> {
  const runnerOptions = { batchSize: options.batchSize, logger: options.logger };
  await new ProjectionRunner(eventStore, liveStore, projections, runnerOptions).catchUp();
  const scratch = new MemoryReadStore();
  try {
    await new ProjectionRunner(eventStore, scratch, projections, runnerOptions).rebuild(options.onProgress);
    const comparisons = await compareReadModels(
      projections.map((p) => p.name),
      liveStore,
      scratch,
      options.maxDifferences,
    );
    return { ok: comparisons.every((c) => c.ok), projections: comparisons };
  } finally {
    await scratch.close();
  }
}

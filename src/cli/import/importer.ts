import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { ProblemException } from '../../api/problem-details/problem.js';
import type { IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { DomainError } from '../../ledger/shared/domain-error.js';
import { describeRejection, parseImportLine } from './import-line.js';
import type { ImportSource } from './import-source.js';
import type { Progress } from './progress.js';

/** Every write of the command line is recorded under this actor (`metadata.recordedBy`). */
export const CLI_ACTOR = 'cli';

export interface ImportSummary {
  imported: number;
  rejected: number;
  /** Lines whose Idempotency-Key was already used: imported by an earlier run. */
  skipped: number;
  /** Events appended by this run. */
  events: number;
  elapsedMs: number;
  /** Set when the import stopped early on an error that is not the line's fault (e.g. disk I/O). */
  fatal?: { line: number; message: string };
}

export interface ImportDeps {
  bus: CommandBus;
  store: EventStore;
  ids: IdSource;
}

/**
 * `kpi-ledger-import:<sha256 of the content>:<line>`: the same line of the same content always
 * gets the same key, so a re-run returns the first answers instead of writing again.
 */
export const idempotencyKeyOf = (contentHash: string, line: number) => `kpi-ledger-import:${contentHash}:${line}`;

/**
 * Lines are committed in chunks: as many lines as fit in CHUNK_MS (at most CHUNK_LINES) go into
 * one store batch, so a chunk costs one fsync instead of one per line. Each line is still its own
 * atomic append inside it. A line counts as imported once its chunk has committed; a crash loses
 * at most the chunk in flight, which a re-run then writes (the keys make the rest skip). Short
 * chunks also keep another process's writes on the same file waiting no longer than that.
 */
export const CHUNK_LINES = 5000;
export const CHUNK_MS = 250;

/**
 * Runs the lines through the CommandBus in order, one atomic append per line: a rejected line
 * leaves nothing behind and does not stop the lines after it.
 */
export async function runImport(
  deps: ImportDeps,
  source: ImportSource,
  progress: Progress,
  now: () => number = Date.now,
): Promise<ImportSummary> {
  const started = now();
  const startPosition = await deps.store.lastPosition();
  // One correlation id for the run: every event it writes can be traced back to it.
  const correlationId = randomUUID();
  const summary: ImportSummary = { imported: 0, rejected: 0, skipped: 0, events: 0, elapsedMs: 0 };
  const lines = source.lines()[Symbol.asyncIterator]();
  let lineNumber = 0;
  let finished = false;

  while (!finished && summary.fatal === undefined) {
    const chunk = { imported: 0, rejected: 0, skipped: 0, first: lineNumber + 1 };
    try {
      await deps.store.batch(async () => {
        const chunkStarted = now();
        // The end of the log, kept here from line to line: the batch holds the store's write lock
        // (SQLite), so only this chunk's own appends move it, and each new one ends at its position.
        // On a store whose batch locks nothing (KurrentDB) a new line is still counted right (its
        // position is after every earlier one); only a line that another run of the same file
        // wrote during this chunk would be counted as imported rather than skipped.
        let end = await deps.store.lastPosition();
        for (let n = 0; n < CHUNK_LINES && now() - chunkStarted < CHUNK_MS; n++) {
          const next = await lines.next();
          if (next.done === true) {
            finished = true;
            return;
          }
          lineNumber++;
          if (next.value.trim() === '') continue;
          const outcome = await importLine(deps, next.value, end, {
            actor: CLI_ACTOR,
            route: '',
            correlationId,
            idempotencyKey: idempotencyKeyOf(source.contentHash, lineNumber),
          });
          if (outcome.kind === 'imported') end = outcome.position;
          if (outcome.kind === 'fatal') {
            // The lines before it are good: commit them, then stop.
            summary.fatal = { line: lineNumber, message: outcome.message };
            progress.message(`line ${lineNumber}: ${outcome.message}`);
            return;
          }
          if (outcome.kind === 'rejected') progress.message(`line ${lineNumber}: ${outcome.reason}`);
          chunk[outcome.kind]++;
        }
      });
    } catch (error) {
      // The chunk's commit itself failed: none of its lines were written.
      const message = `stopped: lines ${chunk.first}-${lineNumber} were not written: ${error instanceof Error ? error.message : String(error)}`;
      summary.fatal = { line: chunk.first, message };
      progress.message(`line ${chunk.first}: ${message}`);
      break;
    }
    summary.imported += chunk.imported;
    summary.rejected += chunk.rejected;
    summary.skipped += chunk.skipped;
    progress.update(lineNumber);
  }

  progress.finish();
  summary.events = (await deps.store.lastPosition()) - startPosition;
  summary.elapsedMs = now() - started;
  return summary;
}

type LineOutcome =
  | { kind: 'imported'; position: number }
  | { kind: 'skipped' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'fatal'; message: string };

/** `end`: the position of the last event in the log before this line. */
async function importLine(deps: ImportDeps, text: string, end: number, base: WriteOptions): Promise<LineOutcome> {
  const verdict = await parseImportLine(text);
  if (!verdict.ok) return { kind: 'rejected', reason: describeRejection(verdict.rejection) };
  const { entry, params, dto, route, requestHash } = verdict.line;
  const options: WriteOptions = { ...base, route, requestHash };
  // A retried key answers the first write's result, whose position is not after the current end
  // of the log; a new write's always is. That is how a replay is told apart without a query.
  try {
    const result: WriteResult = await deps.bus.execute(entry.toCommand(params, dto, options, deps.ids));
    return result.position > end ? { kind: 'imported', position: result.position } : { kind: 'skipped' };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'rejected', reason: `${error.code}: ${error.message}` };
    if (error instanceof ProblemException) {
      return { kind: 'rejected', reason: describeRejection({ ...error.problem, code: error.problem.code ?? 'ERROR' }) };
    }
    return { kind: 'fatal', message: `stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `imported 18, rejected 2, skipped 0 (already imported) in 0.42 s, 43 events/s` */
export function formatSummary(summary: ImportSummary): string {
  const seconds = summary.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.events / seconds) : summary.events;
  return (
    `imported ${summary.imported}, rejected ${summary.rejected}, skipped ${summary.skipped} (already imported)` +
    ` in ${seconds.toFixed(2)} s, ${summary.events} events (${rate} events/s)`
  );
}

import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { backupEventStore, restoreEventStore, sqliteStorePath, type PageProgress } from '../backup/sqlite-backup.js';
import { CliError } from '../cli-error.js';
import { Progress } from '../import/progress.js';
import type { CliIo } from '../io.js';
import { loadConfig, readOnly, withLedger } from '../ledger-app.js';
import { PROJECTION_RUNNER } from '../../read-side/projector.js';
import type { ProjectionRunner } from '../../read-store/projection-runner.js';

/** Progress in pages on stderr, created once the backup knows how many there are. */
function pageProgress(io: CliIo): { onProgress: PageProgress; finish(): void } {
  let progress: Progress | undefined;
  return {
    onProgress: (copied, total) => {
      progress ??= new Progress(io.stderr, total, 'pages');
      progress.update(Math.min(copied, total));
    },
    finish: () => progress?.finish(),
  };
}

const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(1);

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('Copy the embedded event store to <file>, online and consistent, while the server runs')
    .argument('<file>', 'the backup file to write (a SQLite event store of its own)')
    .option('--force', 'replace <file> if it exists')
    .addHelpText(
      'after',
      `
Uses SQLite's online backup: one consistent snapshot, taken while the server keeps writing. The
copy is verified (hash chain) before it is renamed into place. Read models are not part of it:
restore rebuilds them from the events. A KurrentDB store is backed up with KurrentDB's own tools.`,
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const source = sqliteStorePath(loadConfig().eventStoreUrl, 'backup');
      const started = Date.now();
      const progress = pageProgress(io);
      const copy = await backupEventStore(source, file, { force: options.force, onProgress: progress.onProgress });
      progress.finish();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(
        `backed up ${copy.events} events (positions 1..${copy.lastPosition}) to ${file}, ${mb(file)} MB in ${seconds} s\n`,
      );
      if (!copy.report.ok) {
        const broken = copy.report.firstBroken;
        throw new CliError(
          `the event store itself fails verification` +
            (broken ? ` at stream ${broken.stream}, position ${broken.position ?? '?'}: ${broken.reason}` : '') +
            '; the backup holds it as it is',
        );
      }
    });

  program
    .command('restore')
    .description('Replace the embedded event store with a backup, verified first, and rebuild the read models')
    .argument('<file>', 'a file written by kpi-ledger backup')
    .option('--force', 'replace an event store that already holds events')
    .addHelpText(
      'after',
      `
Stop the server first. The backup is copied beside the event store and its whole hash chain
verified; only then is it renamed over the store (atomic), so a broken backup changes nothing.
The read models are then rebuilt from the restored events (READ_MODEL_URL).`,
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const target = sqliteStorePath(config.eventStoreUrl, 'restore');
      const started = Date.now();
      const progress = pageProgress(io);
      const copy = await restoreEventStore(file, target, { force: options.force, onProgress: progress.onProgress });
      progress.finish();
      io.stdout.write(
        `restored ${copy.events} events (positions 1..${copy.lastPosition}) from ${file} into ${target}; hash chain verified\n`,
      );
      // The read models describe the replaced history: rebuild them from the restored events.
      try {
        await withLedger(readOnly(config), async ({ context }) => {
          await context.get<ProjectionRunner>(PROJECTION_RUNNER).rebuild();
        });
      } catch (error) {
        throw new CliError(
          `events restored, but the read models could not be rebuilt (${error instanceof Error ? error.message : String(error)}): run kpi-ledger rebuild before starting the server`,
        );
      }
      io.stdout.write(`rebuilt the read models in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
}

import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { Progress } from '../import/progress.js';
import { loadConfig, readOnly, withLedger } from '../ledger-app.js';
import type { CliIo } from '../io.js';
import { checkRebuildEqualsLive } from '../verify/read-model-check.js';

export function registerVerify(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('Re-compute every hash of the event log; exit 1 and name the first broken event if any')
    .addHelpText(
      'after',
      '\nPrints "ok: N events in M streams", or the first broken stream, revision, position and reason.',
    )
    .action(async () => {
      // VERIFY_ON_START would refuse to open a broken store; here the point is to report it.
      const config = { ...readOnly(loadConfig()), verifyOnStart: false };
      await withLedger(config, async ({ store, context }) => {
        const report = await store.verify();
        if (!report.ok) {
          const broken = report.firstBroken;
          throw new CliError(
            broken
              ? `broken: stream ${broken.stream}, revision ${broken.revision}` +
                  (broken.position !== undefined ? `, position ${broken.position}` : '') +
                  `: ${broken.reason} (${report.events} events in ${report.streams} streams checked)`
              : `broken: the event log failed verification (${report.events} events in ${report.streams} streams)`,
          );
        }
        io.stdout.write(`ok: ${report.events} events in ${report.streams} streams\n`);
        // Scripts read the results from stdout: the runner's progress goes to stderr.
        const toStderr = (message: string) => void io.stderr.write(`${message}\n`);
        // Positions, not events: the progress of a replay is the position it has reached.
        const total = Math.max(await store.lastPosition(), 1);
        const progress = new Progress(io.stderr, total, 'events replayed');
        let readModels;
        try {
          readModels = await checkRebuildEqualsLive(context, { log: toStderr, warn: toStderr, error: toStderr }, (p) =>
            progress.update(Math.min(p.done, total)),
          );
        } finally {
          // On a terminal the bar is cleared even when the check fails, so the error starts a line.
          progress.finish();
        }
        if (!readModels.ok) throw new CliError(`read models differ from a rebuild: ${readModels.detail}`);
        io.stdout.write(`ok: read models equal a rebuild (${readModels.detail})\n`);
      });
    });
}

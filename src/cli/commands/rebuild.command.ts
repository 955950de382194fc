import type { Command } from 'commander';
import { READ_MODELS } from '../../read-side/read-models.js';
import { PROJECTION_RUNNER } from '../../read-side/projector.js';
import type { ProjectionRunner } from '../../read-store/projection-runner.js';
import { CliError } from '../cli-error.js';
import { Progress } from '../import/progress.js';
import type { CliIo } from '../io.js';
import { loadConfig, readOnly, withLedger } from '../ledger-app.js';

export function registerRebuild(program: Command, io: CliIo): void {
  program
    .command('rebuild')
    .description('Wipe the read models and replay the whole event log from position 0')
    .option('--projection <name>', `only this read model (${READ_MODELS.map((p) => p.name).join(', ')})`)
    .addHelpText(
      'after',
      '\nRun it while no projector is writing the same read models (stop the server or the projector first).',
    )
    .action(async (options: { projection?: string }) => {
      if (options.projection !== undefined && !READ_MODELS.some((p) => p.name === options.projection)) {
        throw new CliError(
          `no read model "${options.projection}": use one of ${READ_MODELS.map((p) => p.name).join(', ')}`,
        );
      }
      await withLedger(readOnly(loadConfig()), async ({ context, store }) => {
        const runner = context.get<ProjectionRunner>(PROJECTION_RUNNER);
        const started = Date.now();
        const total = await store.lastPosition();
        if (options.projection !== undefined) {
          await runner.reset(options.projection);
          await runner.catchUp();
        } else {
          const progress = new Progress(io.stderr, Math.max(total, 1), 'events');
          await runner.rebuild((p) => progress.update(Math.min(p.done, Math.max(total, 1))));
          progress.finish();
        }
        const status = await runner.status();
        // With --projection, only that one decides the outcome; others still stopped are noted.
        const concerned = (name: string) => options.projection === undefined || name === options.projection;
        const failed = status.filter((s) => s.failed !== undefined && concerned(s.name));
        for (const other of status.filter((s) => s.failed !== undefined && !concerned(s.name))) {
          io.stderr.write(
            `note: ${other.name} is still stopped at position ${other.failed?.position}: ${other.failed?.error}\n`,
          );
        }
        const seconds = (Date.now() - started) / 1000;
        io.stdout.write(
          `rebuilt ${options.projection ?? `${status.length} read models`} from ${total} events in ${seconds.toFixed(1)} s` +
            ` (${Math.round(total / Math.max(seconds, 0.001))} events/s)\n`,
        );
        if (failed.length > 0) {
          throw new CliError(
            failed.map((f) => `${f.name} stopped at position ${f.failed?.position}: ${f.failed?.error}`).join('; '),
          );
        }
      });
    });
}

import type { Command } from 'commander';
import type { AppConfig } from '../../config/app-config.js';
import { createEventStore } from '../../event-store/create-event-store.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { READ_MODELS } from '../../read-side/read-models.js';
import { createReadStore } from '../../read-store/create-read-store.js';
import { ProjectionRunner, type ProjectionRunnerLogger } from '../../read-store/projection-runner.js';
import type { ReadStore } from '../../read-store/read-store.port.js';
import { CliError } from '../cli-error.js';
import { Progress } from '../import/progress.js';
import type { CliIo } from '../io.js';
import { loadConfig, readOnly } from '../ledger-app.js';

/** The other commands run inside Nest with its logger off; rebuild reports through its outcome. */
const SILENT: ProjectionRunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

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
      await withStores(readOnly(loadConfig()), async (store, readStore) => {
        const runner = new ProjectionRunner(store, readStore, READ_MODELS, { logger: SILENT });
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

/**
 * Opens the configured event store and read store, as the server would, without the server's
 * modules: a replay needs only the stores and the projections, and loading Nest, the API and its
 * validation would add a second and about 100 MB to the rebuild's start-up and peak memory.
 */
async function withStores(
  config: AppConfig,
  use: (store: EventStore, readStore: ReadStore) => Promise<void>,
): Promise<void> {
  let store: EventStore | undefined;
  let readStore: ReadStore;
  try {
    store = await createEventStore(config.eventStoreUrl, { verifyOnOpen: config.verifyOnStart });
    readStore = await createReadStore(config.readModelUrl);
  } catch (error) {
    await store?.close();
    // The same words as the commands that open the ledger through the server's modules.
    throw new CliError(`cannot open the ledger (EVENT_STORE_URL=${config.eventStoreUrl}): ${firstLine(error)}`);
  }
  try {
    await use(store, readStore);
  } finally {
    await readStore.close();
    await store.close();
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

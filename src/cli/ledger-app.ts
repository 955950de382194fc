import type { INestApplicationContext } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { IdSource } from '../application/clock.js';
import { type AppConfig, ConfigError, parseConfig } from '../config/app-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import type { ProjectionRunner } from '../read-store/projection-runner.js';
import { CliError } from './cli-error.js';

/** The configuration the server would use, from the same environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    const config = parseConfig(env);
    // API_KEYS are granted by the server at start; the CLI only reads and writes the access stream.
    return { ...config, security: { ...config.security, apiKeys: [] } };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * For commands that only read the log (export, verify): role `api` keeps the projector from
 * catching the read models up on start, so reading never writes anything, not even read models.
 */
export const readOnly = (config: AppConfig): AppConfig => ({ ...config, role: 'api' });

/**
 * For bulk writes (import, demo): the server's role `all` projects after every single append, so
 * that an HTTP read after a 201 sees the write. A file of thousands of lines needs that once, at
 * the end (15 times faster on a 2,000-line file): write under role `api`, which does not project,
 * then call `catchUpReadModels`. Under roles `api` and `projector` another process projects.
 */
export function bulkWrite(config: AppConfig): { config: AppConfig; projectAtEnd: boolean } {
  return { config: { ...config, role: 'api' }, projectAtEnd: config.role === 'all' };
}

/** Brings the read models up to the end of the log, as the server does after a write. */
export async function catchUpReadModels(context: INestApplicationContext): Promise<void> {
  const { PROJECTION_RUNNER } = await import('../read-side/projector.js');
  await context.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
}

/** The parts of the application a command uses. */
export interface Ledger {
  context: INestApplicationContext;
  bus: CommandBus;
  store: EventStore;
  ids: IdSource;
}

/**
 * Runs `use` inside the same Nest modules as the server (command handlers, LedgerWriter, the
 * configured event store) without an HTTP listener, and always closes the store afterwards.
 * The modules are loaded here, not on import: they take about a second and 100 MB, which a
 * command that needs only the stores (rebuild) does not pay.
 */
export async function withLedger<T>(config: AppConfig, use: (ledger: Ledger) => Promise<T>): Promise<T> {
  const [{ NestFactory }, { CommandBus }, { AppModule }, { ID_SOURCE }, { EVENT_STORE }] = await Promise.all([
    import('@nestjs/core'),
    import('@nestjs/cqrs'),
    import('../app.module.js'),
    import('../application/clock.js'),
    import('../event-store/event-store.port.js'),
  ]);
  let context: INestApplicationContext;
  try {
    // logger: false: Nest would print a stack trace for a store that cannot be opened; the CLI
    // says it in one line instead.
    context = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
  } catch (error) {
    // First line only: Nest's dependency errors go on with paragraphs of advice meant for developers.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CliError(`cannot open the ledger (EVENT_STORE_URL=${config.eventStoreUrl}): ${message}`);
  }
  try {
    return await use({
      context,
      bus: context.get(CommandBus),
      store: context.get<EventStore>(EVENT_STORE),
      ids: context.get<IdSource>(ID_SOURCE),
    });
  } finally {
    await context.close();
  }
}

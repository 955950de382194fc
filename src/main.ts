import { ConfigError, parseConfig } from './config/app-config.js';
import { applyHeapGrowth } from './config/heap-growth.js';
import { checkChainInBackground, createApp, openModeCheck } from './app.js';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** A shutdown that has not finished by then (a request that never ends) gives up, exit code 1. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kpi-ledger: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Before anything is loaded: the heap limit is worked out afresh at each full GC.
  applyHeapGrowth(config.heapGrowthPercent);
  const app = await createApp(config);
  // On a signal Nest closes Fastify first (no new connections, requests in flight answered), then
  // runs the shutdown hooks (the projector commits its batch, the stores close), then exits 0;
  // without useProcessExit it would re-raise the signal and the exit status would say "killed".
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      process.stdout.write(`kpi-ledger: ${signal}: finishing the requests in flight, then stopping\n`);
      process.once('exit', (code) => {
        if (code === 0) process.stdout.write('kpi-ledger: stopped cleanly\n');
      });
      setTimeout(() => {
        process.stderr.write(`kpi-ledger: not stopped after ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting anyway\n`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  }
  await app.init();
  const warning = openModeCheck(app, config);
  await app.listen(config.port, config.host);
  if (warning !== undefined) process.stderr.write(`kpi-ledger: ${warning}\n`);
  process.stdout.write(`kpi-ledger: listening on http://${config.host}:${config.port} (docs at /docs)\n`);
  checkChainInBackground(app);
}

main().catch((error: unknown) => {
  process.stderr.write(`kpi-ledger: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

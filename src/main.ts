import { ConfigError, parseConfig } from './config/app-config.js';
import { checkChainInBackground, createApp, openModeCheck } from './app.js';

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
  const app = await createApp(config);
  app.enableShutdownHooks();
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

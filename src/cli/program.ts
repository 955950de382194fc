import { Command } from 'commander';
import { registerBackup } from './commands/backup.command.js';
import { registerDemo } from './commands/demo.command.js';
import { registerExport } from './commands/export.command.js';
import { registerImport } from './commands/import.command.js';
import { registerKeys } from './commands/keys.command.js';
import { registerRebuild } from './commands/rebuild.command.js';
import { registerVerify } from './commands/verify.command.js';
import type { CliIo } from './io.js';

/** The `kpi-ledger` command line; commands report through `io` and set `io.exitCode`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command()
    .name('kpi-ledger')
    .description(
      'Command line of the KPI Ledger: works on the same event store as the server (EVENT_STORE_URL, default sqlite:./data/ledger.db)',
    )
    .version('0.1.0')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(kpi-ledger --help lists the commands)')
    .addHelpText(
      'after',
      `
Configuration comes from the same environment variables as the server (EVENT_STORE_URL, …).
Examples:
  kpi-ledger demo                     load the Alibaba story
  kpi-ledger import figures.jsonl     record one write per line
  kpi-ledger export --out log.jsonl   the raw, hash-chained log
  kpi-ledger rebuild                  replay the log into fresh read models
  kpi-ledger verify                   prove that nothing was altered
  kpi-ledger keys add --name alice --role analyst   an API key (prints its secret once)
  kpi-ledger backup ledger-copy.db    copy the event store while the server runs`,
    );
  registerImport(program, io);
  registerDemo(program, io);
  registerExport(program, io);
  registerRebuild(program, io);
  registerVerify(program, io);
  registerKeys(program, io);
  registerBackup(program, io);
  return program;
}

import { Command } from 'commander';
import type { CliIo } from './io.js';

type Register = (program: Command, io: CliIo) => void;

/**
 * The commands, in the order help lists them, each loaded only when needed: the modules behind
 * some of them (the server's Nest modules, the API's validation) take about a second and 100 MB
 * to load, which a command that does not use them (rebuild) should not pay.
 */
const COMMANDS: readonly (readonly [readonly string[], () => Promise<Register>])[] = [
  [['import'], async () => (await import('./commands/import.command.js')).registerImport],
  [['demo'], async () => (await import('./commands/demo.command.js')).registerDemo],
  [['export'], async () => (await import('./commands/export.command.js')).registerExport],
  [['rebuild'], async () => (await import('./commands/rebuild.command.js')).registerRebuild],
  [['verify'], async () => (await import('./commands/verify.command.js')).registerVerify],
  [['keys'], async () => (await import('./commands/keys.command.js')).registerKeys],
  [['backup', 'restore'], async () => (await import('./commands/backup.command.js')).registerBackup],
];

/**
 * The `kpi-ledger` command line; commands report through `io` and set `io.exitCode`. `args` (the
 * arguments after the program name) decide what is loaded: only the named command, or every
 * command when the first argument names none (help, --version, a typo to suggest a fix for).
 */
export async function buildProgram(io: CliIo, args: readonly string[] = []): Promise<Command> {
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
  const named = COMMANDS.filter(([names]) => names.includes(args[0]));
  const needed = named.length > 0 ? named : COMMANDS;
  for (const [, load] of needed) (await load())(program, io);
  return program;
}

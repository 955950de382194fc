import 'reflect-metadata';
import { CommanderError } from 'commander';
import { CliError, EXIT_FATAL } from './cli-error.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

/** Entry point of `kpi-ledger` (started by bin/kpi-ledger.mjs once dist/ is current). */
async function main(): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, exitCode: 0 };
  // `kpi-ledger export | head`: a reader that leaves early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    const program = (await buildProgram(io, process.argv.slice(2))).exitOverride();
    await program.parseAsync(process.argv);
    return io.exitCode;
  } catch (error) {
    // Commander has already printed its message (unknown option, missing argument) or the help.
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`kpi-ledger: ${error.message}\n`);
      return error.exitCode;
    }
    // Not the user's fault: say what happened; the stack only on request, for a bug report.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kpi-ledger: unexpected error: ${message}\n`);
    if (process.env.KPI_LEDGER_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_FATAL;
  }
}

void main().then((code) => {
  process.exitCode = code;
});

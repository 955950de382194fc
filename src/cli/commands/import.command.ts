import type { Command } from 'commander';
import type { AppConfig } from '../../config/app-config.js';
import { EXIT_FATAL, EXIT_OK, EXIT_REJECTED } from '../cli-error.js';
import { throwAwayCopy } from '../import/dry-run.js';
import { fileSource, type ImportSource } from '../import/import-source.js';
import { formatSummary, type ImportSummary, runImport } from '../import/importer.js';
import { Progress } from '../import/progress.js';
import { bulkWrite, catchUpReadModels, loadConfig, withLedger } from '../ledger-app.js';
import type { CliIo } from '../io.js';

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('Record the commands of a JSONL file, one per line, through the same validation as the HTTP API')
    .argument('<file.jsonl>', 'one JSON object per line: { "type": …, <path parameters>, <HTTP body fields> }')
    .option('--dry-run', 'run the whole import against a throw-away copy of the ledger and report; write nothing')
    .addHelpText(
      'after',
      `
Each line is one write, e.g.
  {"type":"ReportFigure","companyId":"acme","metricId":"gmv","period":"FY2020","value":"7053000000000","reportedAt":"2020-05-22","source":{"title":"FY2020 results"}}

Bad lines are reported as "line N: <reason>" and skipped; good lines are kept. Re-running the same
file writes nothing twice (each line carries an Idempotency-Key made of the file's hash and the
line number). Exit code: 0 all lines good, 2 some lines rejected, 1 fatal error.`,
    )
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const config = loadConfig();
      const source = await fileSource(file);
      io.exitCode = await importAndReport(config, source, io, options.dryRun === true);
    });
}

/** Runs an import (for real or dry), prints the summary and returns the exit code. */
export async function importAndReport(
  config: AppConfig,
  source: ImportSource,
  io: CliIo,
  dryRun: boolean,
): Promise<number> {
  const bulk = bulkWrite(config);
  const target = dryRun ? await throwAwayCopy(config) : { config: bulk.config, dispose: () => undefined };
  let summary: ImportSummary;
  try {
    summary = await withLedger(target.config, async (ledger) => {
      const result = await runImport(ledger, source, new Progress(io.stderr, source.totalLines));
      // Even after a fatal error: what was written is durable and must become readable.
      if (!dryRun && bulk.projectAtEnd && result.events > 0) await catchUpReadModels(ledger.context);
      return result;
    });
  } finally {
    target.dispose();
  }
  io.stdout.write(`${dryRun ? 'dry run, nothing written: ' : ''}${formatSummary(summary)}\n`);
  if (summary.fatal) return EXIT_FATAL;
  return summary.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}

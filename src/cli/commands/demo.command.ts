import type { Command } from 'commander';
import { EXIT_OK } from '../cli-error.js';
import { ALIBABA_STORY } from '../demo/alibaba-story.js';
import { textSource } from '../import/import-source.js';
import { loadConfig } from '../ledger-app.js';
import type { CliIo } from '../io.js';
import { importAndReport } from './import.command.js';

/** The story as an import file: the demo goes through exactly the path `kpi-ledger import` takes. */
export const ALIBABA_STORY_JSONL = ALIBABA_STORY.map((line) => JSON.stringify(line)).join('\n') + '\n';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description("Load the demo dataset: Alibaba's 2016 GMV promise and what was reported afterwards")
    .addHelpText(
      'after',
      '\nRunning it again adds nothing: every line is imported with an Idempotency-Key, as `import` does.',
    )
    .action(async () => {
      const config = loadConfig();
      const code = await importAndReport(config, textSource('the Alibaba story', ALIBABA_STORY_JSONL), io, false);
      io.stdout.write(`${describeStory()}\n`);
      if (code === EXIT_OK) {
        const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
        io.stdout.write(
          [
            '',
            'Next: start the server and ask whether Alibaba kept its promises:',
            '  npm start',
            `  curl -s ${base}/companies/alibaba/scoreboard`,
            `  curl -s ${base}/companies/alibaba/metrics/gmv`,
            '',
          ].join('\n'),
        );
      }
      io.exitCode = code;
    });
}

/** "The Alibaba story (25 lines): 1 company, 3 metrics, …", counted from the dataset itself. */
export function describeStory(): string {
  const count = (...types: string[]) => ALIBABA_STORY.filter((line) => types.includes(line.type as string)).length;
  const targetUpdates = count('ReviseTarget', 'ReaffirmTarget', 'WithdrawTarget', 'CorrectTarget');
  const lifecycle = count('RedefineMetric', 'DeEmphasizeMetric', 'DiscontinueMetric', 'ReinstateMetric');
  return (
    `The Alibaba story (${ALIBABA_STORY.length} lines, company "alibaba"): ` +
    `${plural(count('RegisterCompany'), 'company', 'companies')}, ` +
    `${plural(count('DefineMetric'), 'metric')} (${plural(lifecycle, 'redefinition, de-emphasis or discontinuation', 'redefinitions, de-emphases and discontinuations')}), ` +
    `${plural(count('AnnounceTarget'), 'target')} (${plural(targetUpdates, 'later reaffirmation or correction', 'later reaffirmations and corrections')}), ` +
    `${plural(count('ReportFigure'), 'reported figure')}.`
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { auditEvent } from '../../api/audit/audit.controller.js';
import { CliError } from '../cli-error.js';
import { loadConfig, readOnly, withLedger } from '../ledger-app.js';
import type { CliIo } from '../io.js';

/** Events per read: bounded memory whatever the size of the log. */
const PAGE_SIZE = 500;

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Write the raw event log as JSONL in commit order (the GET /audit/events event shape)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--after <position>', 'only events after this global position (exclusive)', parsePosition, 0)
    .addHelpText(
      'after',
      `
Each line: { position, stream, revision, type, data, metadata, hash, prevHash }. Every hash can be
recomputed from these lines alone:
  hash = hex(SHA-256(prevHash + JCS({ stream, revision, type, data, metadata without hash })))`,
    )
    .action(async (options: { out?: string; after: number }) => {
      const config = readOnly(loadConfig());
      const out = options.out === undefined ? io.stdout : await openFile(options.out);
      const { count, first, last } = await withLedger(config, async ({ store }) => {
        // The log as it stood when the export began: appends made meanwhile belong to the next one.
        const end = await store.lastPosition();
        let after = options.after;
        let count = 0;
        let first = 0;
        while (after < end) {
          const page = await store.readAll({ after, limit: Math.min(PAGE_SIZE, end - after) });
          if (page.length === 0) break;
          const text = page.map((event) => `${JSON.stringify(auditEvent(event))}\n`).join('');
          if (!out.write(text)) await drained(out);
          if (count === 0) first = page[0].position;
          count += page.length;
          after = page[page.length - 1].position;
        }
        return { count, first, last: after };
      });
      if (out !== io.stdout) {
        out.end();
        await once(out, 'finish');
      }
      io.stderr.write(
        `exported ${count} event${count === 1 ? '' : 's'}` +
          (count > 0 ? ` (positions ${first}..${last})` : '') +
          (options.out !== undefined ? ` to ${options.out}` : '') +
          '\n',
      );
    });
}

function parsePosition(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('must be a global position: a whole number >= 0');
  return Number(value);
}

async function openFile(path: string): Promise<NodeJS.WritableStream> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return stream;
}

/** Waits for the reader to catch up, or fails when it went away (a closed pipe, a full disk). */
async function drained(out: NodeJS.WritableStream): Promise<void> {
  try {
    await once(out, 'drain');
  } catch (error) {
    throw new CliError(`export stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

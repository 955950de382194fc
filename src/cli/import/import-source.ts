import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from '../cli-error.js';

/**
 * The lines to import and the hash of their content. The hash names the file in every line's
 * Idempotency-Key, so re-running the same content is recognised whatever the file is called.
 */
export interface ImportSource {
  /** For messages: the file name, or "the Alibaba story". */
  name: string;
  /** SHA-256 (hex) of the exact bytes. */
  contentHash: string;
  /** Number of lines, for the progress bar. */
  totalLines: number;
  lines(): AsyncIterable<string>;
}

/**
 * Reads a file twice, streaming both times, so that a large file is never held in memory: once
 * to hash and count it (the keys need the hash before the first line is written), once to import.
 */
export async function fileSource(path: string): Promise<ImportSource> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`cannot read ${path}: not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${path}: ${reasonOf(error)}`);
  }
  const hash = createHash('sha256');
  let newlines = 0;
  let lastByte = -1;
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) newlines++;
      if (bytes.length > 0) lastByte = bytes[bytes.length - 1];
    }
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${reasonOf(error)}`);
  }
  return {
    name: path,
    contentHash: hash.digest('hex'),
    totalLines: newlines + (lastByte !== -1 && lastByte !== 10 ? 1 : 0),
    lines: () => createInterface({ input: createReadStream(path), crlfDelay: Infinity }),
  };
}

/** A source held in memory (the demo story). */
export function textSource(name: string, text: string): ImportSource {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return {
    name,
    contentHash: createHash('sha256').update(text, 'utf8').digest('hex'),
    totalLines: lines.length,
    // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable, like a file's lines
    lines: async function* () {
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    },
  };
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

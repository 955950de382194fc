import type { ProgressOutput } from './import/progress.js';

/** Where a command writes, and the exit code it asks for: process streams in main.ts, fakes in specs. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: ProgressOutput & NodeJS.WritableStream;
  exitCode: number;
}

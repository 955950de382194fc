import 'reflect-metadata';
import { PassThrough } from 'node:stream';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

const io = (): CliIo => ({ stdout: new PassThrough(), stderr: new PassThrough(), exitCode: 0 });
const names = async (args: string[]) => (await buildProgram(io(), args)).commands.map((c) => c.name());

describe('the kpi-ledger program', () => {
  it('loads only the command it runs, so rebuild does not load the server modules', async () => {
    expect(await names(['rebuild'])).toEqual(['rebuild']);
    expect(await names(['keys', 'add', '--name', 'x'])).toEqual(['keys']);
    expect(await names(['restore', 'copy.db'])).toEqual(['backup', 'restore']);
  });

  it('loads every command, in help order, for help, a global option or an unknown command', async () => {
    const all = ['import', 'demo', 'export', 'rebuild', 'verify', 'keys', 'backup', 'restore'];
    expect(await names([])).toEqual(all);
    expect(await names(['--help'])).toEqual(all);
    expect(await names(['rebuil'])).toEqual(all);
  });
});

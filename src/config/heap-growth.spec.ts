import { applyHeapGrowth } from './heap-growth.js';

describe('applyHeapGrowth', () => {
  const applied = (percent: number, execArgv: string[]) => {
    const flags: string[] = [];
    const result = applyHeapGrowth(percent, execArgv, (flag) => flags.push(flag));
    return { result, flags };
  };

  it('sets V8 heap growth to the configured percent', () => {
    expect(applied(50, [])).toEqual({ result: '--heap-growing-percent=50', flags: ['--heap-growing-percent=50'] });
  });

  it('leaves V8 its own choice at 0', () => {
    expect(applied(0, [])).toEqual({ result: null, flags: [] });
  });

  it.each([['--heap-growing-percent=20'], ['--heap-growing-percent', '20'], ['--heap_growing_percent=20']])(
    'lets a flag given to node itself win (%s)',
    (...execArgv) => {
      expect(applied(50, ['--enable-source-maps', ...execArgv])).toEqual({ result: null, flags: [] });
    },
  );
});

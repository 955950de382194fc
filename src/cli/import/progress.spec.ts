import { Progress } from './progress.js';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, columns: 80, write: (text: string) => writes.push(text) } };
}

describe('Progress', () => {
  it('redraws a bar in place on a terminal, at most every 100 ms', () => {
    let now = 0;
    const { writes, out } = output(true);
    const progress = new Progress(out, 4, 'lines', () => now);
    now = 50;
    progress.update(1);
    expect(writes).toEqual([]);
    now = 150;
    progress.update(2);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\r\[#+-+\] 2\/4 lines {2}50%$/);
    now = 160;
    progress.update(4); // the last line always draws
    expect(writes[1]).toMatch(/^\r\[#+\] 4\/4 lines 100%$/);
  });

  it('prints messages on their own line without tearing the bar, and clears it at the end', () => {
    let now = 0;
    const { writes, out } = output(true);
    const progress = new Progress(out, 2, 'lines', () => now);
    now = 200;
    progress.update(1);
    progress.message('line 1: bad');
    progress.finish();
    expect(writes.slice(1)).toEqual(['\r\x1b[2K', 'line 1: bad\n', expect.stringMatching(/^\r\[/), '\r\x1b[2K']);
  });

  it('writes plain periodic lines when not on a terminal', () => {
    let now = 0;
    const { writes, out } = output(false);
    const progress = new Progress(out, 1000, 'lines', () => now);
    now = 1000;
    progress.update(10);
    now = 2500;
    progress.update(500);
    progress.message('line 501: bad');
    progress.finish();
    expect(writes).toEqual(['progress: 500/1000 lines (50%)\n', 'line 501: bad\n']);
  });
});

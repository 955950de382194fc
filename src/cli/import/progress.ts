/**
 * Progress of an import on stderr (stdout stays free for the summary): a bar redrawn in place
 * with \r on a terminal, plain periodic lines when stderr is a file or a pipe (CI logs, where
 * carriage returns would pile up into one unreadable line).
 */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const REDRAW_EVERY_MS = 100;
const LOG_EVERY_MS = 2000;

export class Progress {
  private lastDraw = 0;
  private barShown = false;
  private done = 0;

  constructor(
    private readonly out: ProgressOutput,
    private readonly total: number,
    private readonly label = 'lines',
    private readonly now: () => number = Date.now,
  ) {
    this.lastDraw = now();
  }

  /** `done` lines of `total` are through. */
  update(done: number): void {
    this.done = done;
    const now = this.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw >= REDRAW_EVERY_MS || done === this.total) {
        this.lastDraw = now;
        this.drawBar();
      }
    } else if (now - this.lastDraw >= LOG_EVERY_MS) {
      this.lastDraw = now;
      this.out.write(`progress: ${done}/${this.total} ${this.label} (${percent(done, this.total)})\n`);
    }
  }

  /** Prints a message line without tearing the bar: clear it, print, redraw. */
  message(text: string): void {
    this.clearBar();
    this.out.write(`${text}\n`);
    if (this.out.isTTY && this.done > 0) this.drawBar();
  }

  /** Removes the bar, so that the summary starts on a clean line. */
  finish(): void {
    this.clearBar();
  }

  private drawBar(): void {
    const text = `${this.done}/${this.total} ${this.label} ${percent(this.done, this.total).padStart(4)}`;
    const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - text.length - 4));
    const filled = this.total === 0 ? width : Math.round((width * this.done) / this.total);
    this.out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.out.write('\r\x1b[2K');
    this.barShown = false;
  }
}

function percent(done: number, total: number): string {
  return total === 0 ? '100%' : `${Math.floor((100 * done) / total)}%`;
}

/**
 * A live progress line for long jobs (generating events, rebuilding views): done / total, rate
 * and time left. On a terminal the line is redrawn in place a few times a second; elsewhere (CI,
 * a log file) a full line is written every few seconds, and always at the end.
 */
export interface ProgressDisplayOptions {
  readonly label: string;
  /** What is counted ("events"). */
  readonly unit?: string;
  readonly total?: number;
  readonly out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Interval between lines when not on a terminal (ms). Default 3000. */
  readonly lineEveryMs?: number;
  readonly now?: () => number;
}

export interface ProgressFigures {
  readonly done: number;
  readonly total?: number;
  readonly perSecond: number;
  readonly etaSeconds?: number;
  readonly elapsedSeconds: number;
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export class ProgressDisplay {
  private readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly now: () => number;
  private readonly started: number;
  private startDone: number | undefined;
  private total: number | undefined;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private figures: ProgressFigures = { done: 0, perSecond: 0, elapsedSeconds: 0 };

  constructor(private readonly options: ProgressDisplayOptions) {
    this.out = options.out ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.total = options.total;
  }

  /** `done` counts from the start of the work (a resumed job starts above 0: the rate counts only this run). */
  update(done: number, total = this.total): ProgressFigures {
    this.total = total;
    this.startDone ??= done;
    const elapsedSeconds = (this.now() - this.started) / 1000;
    const perSecond = elapsedSeconds > 0 ? (done - this.startDone) / elapsedSeconds : 0;
    const etaSeconds =
      total !== undefined && perSecond > 0 ? Math.max(0, total - done) / perSecond : undefined;
    this.figures = { done, total, perSecond, etaSeconds, elapsedSeconds };
    const tty = this.out.isTTY === true;
    const every = tty ? 200 : (this.options.lineEveryMs ?? 3000);
    if (this.now() - this.lastDrawn >= every) this.draw(tty);
    return this.figures;
  }

  /** The last line, always written, and the figures. */
  finish(): ProgressFigures {
    const tty = this.out.isTTY === true;
    this.draw(tty);
    if (tty) this.out.write('\n');
    return this.figures;
  }

  line(): string {
    const { done, total, perSecond, etaSeconds, elapsedSeconds } = this.figures;
    const unit = this.options.unit ?? 'events';
    const of = total !== undefined ? ` / ${number(total)}` : '';
    const percent = total ? ` (${((100 * done) / total).toFixed(1)}%)` : '';
    const eta = etaSeconds !== undefined ? `, ETA ${formatDuration(etaSeconds)}` : '';
    return `${this.options.label}: ${number(done)}${of} ${unit}${percent}, ${number(perSecond)} ${unit}/s, ${formatDuration(elapsedSeconds)} elapsed${eta}`;
  }

  private draw(tty: boolean): void {
    this.lastDrawn = this.now();
    this.out.write(tty ? `\r\x1b[2K${this.line()}` : `${this.line()}\n`);
  }
}

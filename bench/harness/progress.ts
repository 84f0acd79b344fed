import { nowMs } from './clock';

/** A progress line on stderr at most every few seconds (long generations), never in the figures. */
export function progressReporter(label: string, everyMs = 5_000): (done: number, total: number) => void {
  const start = nowMs();
  let last = start;
  return (done, total) => {
    const now = nowMs();
    if (now - last < everyMs && done < total) return;
    last = now;
    const rate = done / ((now - start) / 1000);
    process.stderr.write(
      `  ${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')}/s)\n`,
    );
  };
}

import { Writable } from 'node:stream';
import { ProgressDisplay, formatDuration } from './progress-display';
import { ConfigError, loadConfig } from './app-config';

function sink(isTTY: boolean): { out: Writable & { isTTY?: boolean }; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean };
  out.isTTY = isTTY;
  return { out, text: () => text };
}

describe('ProgressDisplay', () => {
  it('off a terminal, writes a full line every few seconds with done / total, rate and time left', () => {
    let now = 0;
    const { out, text } = sink(false);
    const display = new ProgressDisplay({
      label: 'rebuild case_list',
      total: 1_000_000,
      out,
      now: () => now,
    });
    display.update(0);
    now = 1_000;
    display.update(100_000); // within 3 s of the last line: not written
    now = 4_000;
    display.update(400_000);
    const figures = display.finish();
    expect(text().split('\n').filter(Boolean)).toEqual([
      'rebuild case_list: 0 / 1,000,000 events (0.0%), 0 events/s, 0:00 elapsed',
      'rebuild case_list: 400,000 / 1,000,000 events (40.0%), 100,000 events/s, 0:04 elapsed, ETA 0:06',
      'rebuild case_list: 400,000 / 1,000,000 events (40.0%), 100,000 events/s, 0:04 elapsed, ETA 0:06',
    ]);
    expect(figures).toMatchObject({ done: 400_000, perSecond: 100_000, etaSeconds: 6 });
  });

  it('on a terminal, redraws one line in place; a resumed job counts its rate from where it resumed', () => {
    let now = 0;
    const { out, text } = sink(true);
    const display = new ProgressDisplay({ label: 'generate', total: 100, out, now: () => now });
    display.update(50);
    now = 1_000;
    display.update(60);
    display.finish();
    expect(text()).toContain(
      '\r\x1b[2Kgenerate: 60 / 100 events (60.0%), 10 events/s, 0:01 elapsed, ETA 0:04',
    );
    expect(text().endsWith('\n')).toBe(true);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(59)).toBe('0:59');
    expect(formatDuration(3_725)).toBe('1:02:05');
  });
});

describe('PROJECTOR (where the read views are fed)', () => {
  it('is internal by default, external on request, and refuses anything else', () => {
    expect(loadConfig({}).projector).toBe('internal');
    expect(loadConfig({ PROJECTOR: 'external' }).projector).toBe('external');
    expect(() => loadConfig({ PROJECTOR: 'elsewhere' })).toThrow(ConfigError);
  });
});

import { ConfigError } from '@psp/runtime';
import { clockFromEnvironment } from './clock';

describe('the API clock (PSP_CLOCK_FIXED, development and tests only)', () => {
  it('is the real clock unless PSP_CLOCK_FIXED is set', () => {
    const before = Date.now();
    const now = clockFromEnvironment({ environment: 'development' }, {})().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
  });

  it('stands still on the given day (noon UTC) or instant', () => {
    const env = { PSP_CLOCK_FIXED: '2031-01-01' };
    expect(clockFromEnvironment({ environment: 'test' }, env)().toISOString()).toBe(
      '2031-01-01T12:00:00.000Z',
    );
    expect(
      clockFromEnvironment(
        { environment: 'development' },
        { PSP_CLOCK_FIXED: '2031-01-01T08:30:00Z' },
      )().toISOString(),
    ).toBe('2031-01-01T08:30:00.000Z');
  });

  it('is refused in production, and a malformed value is refused everywhere', () => {
    expect(() =>
      clockFromEnvironment({ environment: 'production' }, { PSP_CLOCK_FIXED: '2031-01-01' }),
    ).toThrow(ConfigError);
    expect(() => clockFromEnvironment({ environment: 'test' }, { PSP_CLOCK_FIXED: 'tomorrow' })).toThrow(
      /PSP_CLOCK_FIXED must be a date/,
    );
  });
});

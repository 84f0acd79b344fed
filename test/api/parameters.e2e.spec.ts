import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@psp/event-store';
import { startApiProcess } from '../support/api-process';
import { devTokens } from '../support/dev-tokens';

/** PD-5 over real processes: the dated tables a deployment extends through configuration. */
describe('PD-5: parameter tables updated without a release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-parameters-'));
  const events = `sqlite:${join(dir, 'events.sqlite')}`;
  const env = (extra: Record<string, string> = {}) => ({
    EVENT_STORE_URL: events,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
    PSP_CLOCK_FIXED: '2026-05-04',
    ...extra,
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The warning is for operators: in public /health says up or down only (R20).
  const health = async (baseUrl: string): Promise<any> =>
    (
      await fetch(`${baseUrl}/health`, {
        headers: { authorization: `Bearer ${await devTokens(dir)('auditor')}` },
      })
    ).json();

  it('PD-5: a table past its revaluation date (RSA, 1 April 2026) warns in /health and the logs; extending it through PSP_PARAMETERS_FILE clears the warning and the change is recorded once', async () => {
    const stale = await startApiProcess(env());
    try {
      const body = await health(stale.baseUrl);
      expect(body.parameters.source).toBe('defaults');
      expect(body.parameters.warnings).toEqual([
        expect.objectContaining({ rule: 'PD-5', message: expect.stringContaining('rsaSinglePersonCents') }),
      ]);
      expect(stale.output()).toContain('parameter table out of date');
    } finally {
      await stale.stop();
    }

    const file = join(dir, 'parameters.json');
    writeFileSync(
      file,
      JSON.stringify({
        series: {
          rsaSinglePersonCents: [
            { from: '2026-04-01', value: 65165, source: 'L.262-2; RSA revaluation of 1 April 2026' },
          ],
        },
      }),
    );
    for (let start = 0; start < 2; start += 1) {
      const extended = await startApiProcess(env({ PSP_PARAMETERS_FILE: file }));
      try {
        const body = await health(extended.baseUrl);
        expect(body.parameters).toEqual({ source: 'PSP_PARAMETERS_FILE', warnings: [] });
      } finally {
        await extended.stop();
      }
    }
    const store = await openEventStore(events);
    try {
      const recorded = await store.readStream('psp-parameters');
      // Started twice with the same file: one change recorded, with the values it adds.
      expect(recorded.map((e) => e.type)).toEqual(['ParameterTableChanged']);
      expect(recorded[0].data).toMatchObject({
        file,
        series: { rsaSinglePersonCents: [{ from: '2026-04-01', value: 65165 }] },
      });
    } finally {
      await store.close();
    }
  });

  it('PD-5: a configuration that rewrites known history is refused at start, naming the problem', async () => {
    const file = join(dir, 'bad-parameters.json');
    writeFileSync(
      file,
      JSON.stringify({
        series: { rsaSinglePersonCents: [{ from: '2024-04-01', value: 1, source: 'typo' }] },
      }),
    );
    await expect(startApiProcess(env({ PSP_PARAMETERS_FILE: file }))).rejects.toThrow(
      /PSP_PARAMETERS_FILE .*a new value must start after the last known one \(2025-04-01\)/,
    );
  });
});

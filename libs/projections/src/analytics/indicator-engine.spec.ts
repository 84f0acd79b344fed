import fc from 'fast-check';
import { CaseFact, EventFact, IndicatorFacts, PeriodFact } from './indicator-facts';
import {
  IndicatorReport,
  SELECTABLE_TABLES,
  TABLES,
  computeIndicators,
  nearestRank,
  selectIndicators,
} from './indicator-engine';

const DEPARTEMENTS = ['13', '2A', '59', '69', '75', '971'];
const date = (year: number) =>
  fc
    .record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ m, d }) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const anyDate = fc.integer({ min: 2022, max: 2025 }).chain(date);

const EVENT_SHAPES: readonly Omit<EventFact, 'departement' | 'on'>[] = [
  { kind: 'request', cycle: 'entry' },
  { kind: 'commission_opinion', cycle: 'entry', outcome: 'favourable' },
  { kind: 'commission_opinion', cycle: 'entry', outcome: 'unfavourable' },
  { kind: 'decision', cycle: 'entry', outcome: 'authorised' },
  { kind: 'decision', cycle: 'entry', outcome: 'refused' },
  { kind: 'decision', cycle: 'renewal', outcome: 'granted' },
  { kind: 'decision', cycle: 'renewal', outcome: 'not_granted' },
  { kind: 'interruption', reason: 'person_choice' },
  { kind: 'interruption', reason: 'loss_of_contact' },
  { kind: 'exit', reason: 'completed_early' },
  { kind: 'exit', reason: 'withdrawn' },
  { kind: 'aps_decision', outcome: 'issued' },
  { kind: 'aps_decision', outcome: 'refused', reason: 'public_order' },
  { kind: 'afis_decision', cycle: 'afis', outcome: 'granted' },
  { kind: 'afis_refusal_reason', cycle: 'afis', reason: 'rsa' },
];

const eventFact: fc.Arbitrary<EventFact> = fc
  .record({
    shape: fc.constantFrom(...EVENT_SHAPES),
    departement: fc.constantFrom(...DEPARTEMENTS),
    on: anyDate,
  })
  .map(({ shape, departement, on }) => ({ ...shape, departement, on }));

const caseFact = (i: number): fc.Arbitrary<{ c: CaseFact; p: PeriodFact[] }> =>
  fc
    .record({
      departement: fc.constantFrom(...DEPARTEMENTS),
      filed: anyDate,
      lag: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 4, maxLength: 4 }),
      decision: fc.constantFrom('authorised', 'refused', undefined),
      afis: fc.boolean(),
      age: fc.constantFrom('18_24', '25_34', '45_plus', undefined),
      nationality: fc.constantFrom('french', 'third_country', undefined),
      exit: fc.constantFrom('completed_at_cap', 'completed_early', 'withdrawn', undefined),
      outcomes: fc.record({ training: fc.boolean(), job: fc.boolean(), housing: fc.boolean() }),
    })
    .map((r) => {
      const plus = (d: string, n: number) =>
        new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
      const opinion = plus(r.filed, r.lag[0]);
      const decided = plus(opinion, r.lag[1]);
      const notified = plus(decided, r.lag[2]);
      const c: CaseFact = {
        caseId: `c${i}`,
        departement: r.departement,
        requestFiledOn: r.filed,
        entryOpinion: 'favourable',
        entryOpinionOn: opinion,
        entryDecision: r.decision,
        entryDecisionOn: r.decision ? decided : undefined,
        entryNotifiedOn: r.decision ? notified : undefined,
        apsIssuedOn: r.decision === 'authorised' ? plus(notified, r.lag[3]) : undefined,
        afisGrantedOn: r.afis && r.decision === 'authorised' ? notified : undefined,
        ageBand: r.age,
        nationalityGroup: r.nationality,
        exitReason: r.decision === 'authorised' ? r.exit : undefined,
        exitOn: r.decision === 'authorised' && r.exit ? plus(notified, 200) : undefined,
        outcomes: r.exit?.startsWith('completed') ? r.outcomes : undefined,
      };
      const p: PeriodFact[] =
        r.decision === 'authorised'
          ? [{ caseId: c.caseId, departement: c.departement, start: notified, end: plus(notified, 182) }]
          : [];
      return { c, p };
    });

const facts: fc.Arbitrary<IndicatorFacts> = fc
  .record({
    n: fc.integer({ min: 0, max: 60 }),
    events: fc.array(eventFact, { maxLength: 150 }),
  })
  .chain(({ n, events }) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => caseFact(i))).map((cases) => ({
      cases: cases.map((x) => x.c),
      periods: cases.flatMap((x) => x.p),
      events,
    })),
  );

const selection = fc.record({
  tables: fc.option(fc.subarray([...SELECTABLE_TABLES], { minLength: 1 }), { nil: undefined }),
  departements: fc.option(fc.subarray(DEPARTEMENTS, { minLength: 1 }), { nil: undefined }),
});

function publishedCounts(report: IndicatorReport): number[] {
  return report.tables
    .flatMap((t) =>
      [...t.rows, t.national].flatMap((r) => [...r.values, ...(r.total === undefined ? [] : [r.total])]),
    )
    .filter((v): v is number => v !== null);
}

describe('indicator engine (section 7.3, ACL-06)', () => {
  it('ACL-06 / 7.3 item 10: whatever the facts, year and filters, no published count lies in 1..k−1', () => {
    fc.assert(
      fc.property(
        facts,
        fc.integer({ min: 2022, max: 2025 }),
        fc.integer({ min: 5, max: 12 }),
        selection,
        (f, year, k, sel) => {
          const report = selectIndicators(
            computeIndicators(f, { year, today: '2025-12-31', minCell: k }),
            sel,
          );
          for (const v of publishedCounts(report)) expect(v === 0 || v >= k).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ACL-06: a suppressed cell never sits alone in a row, a column or the national total', () => {
    fc.assert(
      fc.property(
        facts,
        fc.integer({ min: 2022, max: 2025 }),
        fc.integer({ min: 5, max: 12 }),
        (f, year, k) => {
          const report = computeIndicators(f, { year, today: '2025-12-31', minCell: k });
          for (const t of report.tables) {
            const lines = [...t.rows, t.national];
            t.columns.forEach((_, c) => {
              const hidden = lines.filter((r) => r.values[c] === null).length;
              expect(hidden === 0 || hidden >= 2).toBe(true);
            });
            if (lines[0]?.total !== undefined) {
              const hiddenTotals = lines.filter((r) => r.total === null).length;
              expect(hiddenTotals === 0 || hiddenTotals >= 2).toBe(true);
              for (const r of lines) {
                const hidden = [...r.values, r.total].filter((v) => v === null).length;
                expect(hidden === 0 || hidden >= 2).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ACL-06: two filter combinations never show different figures for the same cell (no differencing)', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 2022, max: 2025 }), selection, selection, (f, year, s1, s2) => {
        const full = computeIndicators(f, { year, today: '2025-12-31', minCell: 5 });
        const a = selectIndicators(full, s1);
        const b = selectIndicators(full, s2);
        for (const ta of a.tables) {
          const tb = b.tables.find((t) => t.id === ta.id);
          if (!tb) continue;
          expect(ta.national).toEqual(tb.national);
          for (const row of ta.rows) {
            const other = tb.rows.find((r) => r.departement === row.departement);
            if (other) expect(other).toEqual(row);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('ACL-06: rates, medians and 90th percentiles are published only over populations of at least k', () => {
    fc.assert(
      fc.property(
        facts,
        fc.integer({ min: 2022, max: 2025 }),
        fc.integer({ min: 5, max: 12 }),
        (f, year, k) => {
          const report = computeIndicators(f, { year, today: '2025-12-31', minCell: k });
          const decisions = report.tables.find((t) => t.id === 'entry_decisions')!;
          const refusal = report.rates.find((r) => r.id === 'entry_refusal_rate')!;
          [...refusal.rows, refusal.national].forEach((rate, i) => {
            const line = i < decisions.rows.length ? decisions.rows[i] : decisions.national;
            if (rate.value !== null) {
              expect(line.total).not.toBeNull();
              expect(line.total!).toBeGreaterThanOrEqual(k);
              expect(line.values[2]).not.toBeNull();
            }
          });
          for (const lt of report.leadTimes) {
            for (const row of [...lt.rows, lt.national]) {
              const inYear = f.cases.filter((c) => {
                const [from, to] = (
                  {
                    request_to_opinion: [c.requestFiledOn, c.entryOpinionOn],
                    opinion_to_decision: [c.entryOpinionOn, c.entryDecisionOn],
                    decision_to_notification: [c.entryDecisionOn, c.entryNotifiedOn],
                    request_to_notification: [c.requestFiledOn, c.entryNotifiedOn],
                    authorisation_to_aps:
                      c.entryDecision === 'authorised' ? [c.entryDecisionOn, c.apsIssuedOn] : [],
                  } as Record<string, (string | undefined)[]>
                )[lt.id];
                return (
                  from !== undefined &&
                  to?.startsWith(`${year}-`) === true &&
                  (row.departement === 'national' || c.departement === row.departement)
                );
              }).length;
              expect(row.medianDays === null).toBe(inYear < k);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('7.3 items 3, 4 and 6: counts, stocks and lead times over a known set (k = 5)', () => {
    const cases: CaseFact[] = Array.from({ length: 12 }, (_, i) => ({
      caseId: `c${i}`,
      departement: i < 9 ? '69' : '13',
      requestFiledOn: '2024-01-10',
      entryOpinionOn: `2024-02-${String(10 + i).padStart(2, '0')}`,
      entryOpinion: 'favourable',
      entryDecision: i === 0 ? 'refused' : 'authorised',
      entryDecisionOn: '2024-03-01',
      entryNotifiedOn: '2024-03-05',
    }));
    const events: EventFact[] = cases.flatMap((c) => [
      { departement: c.departement, kind: 'request', cycle: 'entry', on: c.requestFiledOn! },
      {
        departement: c.departement,
        kind: 'decision',
        cycle: 'entry',
        on: '2024-03-01',
        outcome: c.entryDecision,
      },
    ]);
    const periods: PeriodFact[] = cases
      .filter((c) => c.entryDecision === 'authorised')
      .map((c) => ({ caseId: c.caseId, departement: c.departement, start: '2024-04-02', end: '2024-10-01' }));
    const report = computeIndicators(
      { cases, events, periods },
      { year: 2024, today: '2024-07-01', minCell: 5 },
    );
    const requests = report.tables.find((t) => t.id === 'entry_requests')!;
    // 13 has 3 requests (< 5): hidden, and 69 (9) hidden with it so the national 12 does not reveal it.
    expect(requests.rows).toEqual([
      { departement: '13', values: [null] },
      { departement: '69', values: [null] },
    ]);
    expect(requests.national.values).toEqual([12]);
    const stock = report.tables.find((t) => t.id === 'stock')!;
    expect(stock.columns).toEqual(['in_progress_q1', 'in_progress_q2', 'cumulative_people']);
    expect(stock.national.values).toEqual([0, 11, 11]);
    const leadTime = report.leadTimes.find((l) => l.id === 'request_to_opinion')!;
    expect(leadTime.national).toEqual({ departement: 'national', medianDays: 36, p90Days: 41 });
    expect(leadTime.rows.find((r) => r.departement === '13')!.medianDays).toBeNull();
    expect(report.departementsWithPsp).toEqual({ ever: 2, inProgressAtYearEnd: 2 });
  });

  it('nearest-rank percentiles', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(TABLES.length).toBeGreaterThan(10);
  });
});

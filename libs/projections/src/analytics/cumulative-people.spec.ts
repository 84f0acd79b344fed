import { computeIndicators } from './indicator-engine';
import { CaseFact, PeriodFact } from './indicator-facts';

/**
 * PSP-06 / PSP-07: the cap follows the person, and so do the figures. "People who ever started a
 * PSP" counts persons, not cases: a person with a parcours in the Rhône and a later one in the
 * Bouches-du-Rhône is one person, counted in the département where she first started.
 */
describe('cumulative people counts persons across cases (PSP-07)', () => {
  it('PSP-07: six people, each with a case in 69 then a linked case in 13, are six people, counted in 69', () => {
    const cases: CaseFact[] = [];
    const periods: PeriodFact[] = [];
    for (let i = 0; i < 6; i += 1) {
      const personKey = `person-${i}`;
      cases.push({ caseId: `a${i}`, departement: '69' }, { caseId: `b${i}`, departement: '13' });
      periods.push(
        { caseId: `a${i}`, personKey, departement: '69', start: '2024-01-02', end: '2024-07-01' },
        { caseId: `b${i}`, personKey, departement: '13', start: '2024-08-01', end: '2025-01-31' },
      );
    }
    const report = computeIndicators(
      { cases, events: [], periods },
      { year: 2024, today: '2024-12-31', minCell: 5 },
    );
    const stock = report.tables.find((t) => t.id === 'stock')!;
    const people = stock.columns.indexOf('cumulative_people');
    expect(stock.national.values[people]).toBe(6);
    expect(stock.rows.find((r) => r.departement === '69')!.values[people]).toBe(6);
    expect(stock.rows.find((r) => r.departement === '13')?.values[people] ?? 0).toBe(0);
  });

  it('cases recorded before person identity (no person key) still count one each', () => {
    const ids = ['v', 'w', 'x', 'y', 'z'];
    const report = computeIndicators(
      {
        cases: ids.map((caseId) => ({ caseId, departement: '69' })),
        events: [],
        periods: ids.map((caseId) => ({ caseId, departement: '69', start: '2024-01-02', end: '2024-07-01' })),
      },
      { year: 2024, today: '2024-12-31', minCell: 5 },
    );
    const stock = report.tables.find((t) => t.id === 'stock')!;
    expect(stock.national.values[stock.columns.indexOf('cumulative_people')]).toBe(5);
  });
});

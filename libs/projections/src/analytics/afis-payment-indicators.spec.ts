import { CaseFact, IndicatorFacts, PaymentFact } from './indicator-facts';
import { computeIndicators } from './indicator-engine';

/** `n` beneficiaries of `departement` paid `cents` each month of Q1 2024 (paid on the 5th of the next month). */
function paid(departement: string, n: number, cents: number): { cases: CaseFact[]; payments: PaymentFact[] } {
  const cases: CaseFact[] = [];
  const payments: PaymentFact[] = [];
  for (let i = 0; i < n; i += 1) {
    const caseId = `${departement}-${i}`;
    cases.push({ caseId, departement, afisGrantedOn: '2023-12-01' });
    for (const paidOn of ['2024-02-05', '2024-03-05'])
      payments.push({ caseId, departement, paidOn, amountCents: cents });
  }
  return { cases, payments };
}

describe('D.121-12-18: AFIS amounts paid each quarter in the indicators', () => {
  const parts = [paid('69', 12, 34320), paid('75', 15, 55536), paid('13', 2, 34320)];
  const facts: IndicatorFacts = {
    cases: parts.flatMap((p) => p.cases),
    payments: parts.flatMap((p) => p.payments),
    events: [],
    periods: [],
  };
  const report = computeIndicators(facts, { year: 2024, today: '2024-07-15', minCell: 11 });
  const table = (id: string) => report.tables.find((t) => t.id === id)!;
  const row = (id: string, d: string) =>
    d === 'national' ? table(id).national.values : table(id).rows.find((r) => r.departement === d)!.values;

  it('D.121-12-18 3°: beneficiaries, amounts and the mean amount per quarter, by département and nationally', () => {
    expect(table('afis_paid_beneficiaries').columns).toEqual(['q1', 'q2']);
    expect(row('afis_paid_beneficiaries', '75')).toEqual([15, 0]);
    expect(row('afis_amounts_paid_cents', '75')).toEqual([15 * 2 * 55536, 0]);
    expect(row('afis_mean_amount_cents', '75')).toEqual([2 * 55536, 0]);
  });

  it('ACL-06: a département under k is suppressed with its amounts, and so is what would reveal it by difference', () => {
    expect(row('afis_paid_beneficiaries', '13')[0]).toBeNull();
    expect(row('afis_amounts_paid_cents', '13')[0]).toBeNull();
    expect(row('afis_mean_amount_cents', '13')[0]).toBeNull();
    // 13 alone hidden would be national − 69 − 75: a second cell is hidden too.
    const q1 = ['13', '69', '75', 'national'].map((d) => row('afis_amounts_paid_cents', d)[0]);
    expect(q1.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });
});

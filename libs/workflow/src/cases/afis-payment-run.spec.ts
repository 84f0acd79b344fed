import { InMemoryEventStore } from '@psp/event-store';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { activeCase, commissionOpinion } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { executeCommand } from '../command/execute-command';
import { AfisPaymentRun, AfisPaymentRunError } from './afis-payment-run';
import { caseAggregate, caseStreamId } from './case-stream';

const CASE = '11111111-1111-4111-8111-111111111111';
const PAYER: Actor = { subject: 'msa-69', role: 'afis_payer', departement: '69' };

/** A case of département 69 paying the AFIS (two children) from 10 May 2024. */
const paying: PspCaseEvent[] = [
  ...activeCase(),
  pspEvent('AfisRequested', {
    requestedOn: '2024-04-02',
    nationalityCategory: 'french',
    residenceDocument: 'none',
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 2,
  }),
  pspEvent('AfisInstructionStarted', { startedOn: '2024-04-05' }),
  pspEvent('AfisInstructionCompleted', { completedOn: '2024-04-20' }),
  commissionOpinion('afis', { recordedOn: '2024-05-02' }),
  pspEvent('AfisGranted', { decisionDate: '2024-05-10', ageOnDecisionDate: 30 }),
];

async function storeWithCase(): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await executeCommand(
    store,
    caseAggregate,
    caseStreamId(CASE),
    { commandId: 'seed', actor: { id: 'seed', role: 'system' } },
    () => ({ accepted: true, events: paying.map((e) => ({ ...e, occurredAt: '2024-05-10T09:00:00Z' })) }),
    { mode: 'create' },
  );
  return store;
}

const runOn = (store: InMemoryEventStore, today: string) =>
  new AfisPaymentRun(store, { casesWithAfis: async () => [CASE] }, () => new Date(`${today}T10:00:00Z`));

describe('AFIS payment run (D.121-12-15, D.121-12-16)', () => {
  it('D.121-12-16: a payment run twice for the same month pays once', async () => {
    const store = await storeWithCase();
    const first = await runOn(store, '2024-07-03').run(PAYER, '2024-06');
    // May from the 10th (22 of 31 days of 555.36 €) as arrears, and June in full.
    expect(first.beneficiaries).toEqual([
      expect.objectContaining({
        result: 'paid',
        lines: [
          { month: '2024-05', amountCents: Math.round((55536 * 22) / 31) },
          { month: '2024-06', amountCents: 55536 },
        ],
        arrearsCents: Math.round((55536 * 22) / 31),
      }),
    ]);
    const again = await runOn(store, '2024-07-04').run(PAYER, '2024-06');
    expect(again.beneficiaries[0]).toMatchObject({
      result: 'already_paid',
      totalCents: first.totalPaidCents,
    });
    expect(again.totalPaidCents).toBe(0);
    const payments = (await store.readStream(caseStreamId(CASE))).filter((e) => e.type === 'AfisPaymentMade');
    expect(payments).toHaveLength(1);
  });

  it('D.121-12-16: a month is not run before it ends; another role may not run it', async () => {
    const store = await storeWithCase();
    await expect(runOn(store, '2024-06-30').run(PAYER, '2024-06')).rejects.toThrow(AfisPaymentRunError);
    await expect(
      runOn(store, '2024-07-03').run({ subject: 'p', role: 'prefecture', departement: '69' }, '2024-06'),
    ).rejects.toThrow(
      'the role prefecture may not issue this command; it may be issued by: afis_payer, system',
    );
  });

  it('D.121-12-15: a beneficiary with nothing due yet is reported, nothing is written', async () => {
    const store = await storeWithCase();
    const result = await runOn(store, '2024-05-03').run(PAYER, '2024-04');
    expect(result.beneficiaries).toEqual([expect.objectContaining({ result: 'nothing_due', totalCents: 0 })]);
    expect((await store.readStream(caseStreamId(CASE))).some((e) => e.type === 'AfisPaymentMade')).toBe(
      false,
    );
  });
});

import { pspEvent } from '../events';
import { activeCase, entryUnderDecision, given, renewalSubmitted, submitted } from '../testing/fixtures';

/**
 * AGR-06 / AGR-09 (engine rule of section 6, from L.121-9 II): the association instructs only while
 * its agrément is valid for the département; the workflow records on every filing by the
 * association (`associationAgrementValid`, read from the association stream on the filing date)
 * whether it was, not only at the opening.
 */
describe('the agrément is checked on every filing by the association', () => {
  const renewing = [...activeCase(), pspEvent('RenewalInstructionStarted', { startedOn: '2024-08-01' })];
  const interrupted = [
    ...activeCase(),
    pspEvent('Interrupted', { interruptedOn: '2024-04-01', reason: 'hospital_stay' }),
  ];
  const rulesOf = (decision: ReturnType<ReturnType<typeof given>['when']>) =>
    decision.accepted ? [] : decision.violations.map((v) => v.rule);

  it('AGR-06: a renewal filed when the association no longer holds a valid agrément is refused', () => {
    const refused = given(renewing).when(renewalSubmitted('2024-08-02', { associationAgrementValid: false }));
    expect(rulesOf(refused)).toEqual(['AGR-06']);
    expect(refused.accepted || refused.violations[0]).toMatchObject({
      missing: 'agrement',
      message: expect.stringContaining('2024-08-02'),
    });
    expect(
      given(renewing).when(renewalSubmitted('2024-08-02', { associationAgrementValid: true })).accepted,
    ).toBe(true);
  });

  it('AGR-06: a resumption requested when the association no longer holds a valid agrément is refused', () => {
    const request = (valid: boolean) =>
      pspEvent('ResumptionRequested', {
        requestedOn: '2024-05-01',
        associationOpinion: 'favourable',
        associationAgrementValid: valid,
      });
    expect(rulesOf(given(interrupted).when(request(false)))).toEqual(['AGR-06']);
    expect(given(interrupted).when(request(true)).accepted).toBe(true);
  });

  it('AGR-06: an entry file submitted when the agrément ended after the opening is refused', () => {
    const instructed = entryUnderDecision().slice(0, 3);
    expect(
      rulesOf(
        given(instructed).when(
          pspEvent('SubmittedToPrefecture', { submittedOn: '2024-01-22', associationAgrementValid: false }),
        ),
      ),
    ).toEqual(['AGR-06']);
    expect(given(instructed).when(submitted('2024-01-22')).accepted).toBe(true);
  });
});

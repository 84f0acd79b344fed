import { AgrementStreamEvent } from '../events';
import { agrementParameters } from '../parameters';
import { applied, applicationData, granted } from './agrement.fixtures';
import { decideAgrement } from './decide';
import { foldAgrement } from './fold';
import { agrementDeadlines, agrementView } from '../views';

const given = (...events: AgrementStreamEvent[]) => foldAgrement(events);

function refusalRules(events: AgrementStreamEvent[], when: AgrementStreamEvent): string[] {
  const decision = decideAgrement(given(...events), when);
  if (decision.accepted) throw new Error(`expected a refusal of ${when.type}`);
  return decision.violations.map((v) => v.rule);
}

describe('agrément application (R.121-12-1 to R.121-12-3)', () => {
  it('scenario 39: an association declared 2 years ago is inadmissible (AGR-01, 3-year minimum)', () => {
    // given an association declared on 2022-01-15, when it applies on 2024-01-15
    const decision = decideAgrement(given(), applied({ declaredOn: '2022-01-15' }));
    // then the application is refused as inadmissible, naming the rule and the missing field
    expect(decision.accepted).toBe(false);
    if (decision.accepted) return;
    expect(decision.violations).toEqual([
      expect.objectContaining({
        rule: 'AGR-01',
        missing: 'declaredOn',
        message: expect.stringContaining('inadmissible'),
      }),
    ]);
  });

  it('AGR-01 admits an association declared exactly 3 years before receipt', () => {
    const decision = decideAgrement(given(), applied({ declaredOn: '2021-01-15' }));
    expect(decision.accepted).toBe(true);
    if (decision.accepted) expect(agrementView(decision.next).status).toBe('applied');
  });

  it('AGR-01 refuses an association whose statutory activity is not one of those listed', () => {
    expect(refusalRules([], applied({ statutoryPurposes: [] }))).toEqual(['AGR-01']);
  });

  it('AGR-01 reads the 3-year minimum from the date-effective parameter table (PD-5)', () => {
    const twoYears = agrementParameters({
      minimumDeclaredYears: [{ from: '2016-10-31', value: 2, source: 'test' }],
    });
    const decision = decideAgrement(
      foldAgrement([], twoYears),
      applied({ declaredOn: '2022-01-15' }),
      twoYears,
    );
    expect(decision.accepted).toBe(true);
  });

  it('AGR-02 warns at application and forbids the grant while a condition is not proved', () => {
    const unproved = applicationData().conditions;
    const event = applied({ conditions: { ...unproved, meansAndPartnerNetwork: { proved: false } } });
    const application = decideAgrement(given(), event);
    expect(application.accepted).toBe(true);
    if (!application.accepted) return;
    expect(application.warnings.map((w) => w.missing)).toEqual(['meansAndPartnerNetwork']);

    const grant = decideAgrement(application.next, granted());
    expect(grant.accepted).toBe(false);
    if (!grant.accepted) expect(grant.violations).toEqual([expect.objectContaining({ rule: 'AGR-02' })]);
  });

  it('AGR-03 refuses an application sent to another préfet than the head office one, unsigned, or naming no département', () => {
    expect(refusalRules([], applied({ addressedToDepartement: '75' }))).toEqual(['AGR-03']);
    expect(refusalRules([], applied({ signedByLegalRepresentative: false }))).toEqual(['AGR-03']);
    expect(refusalRules([], applied({ requestedDepartements: [] }))).toEqual(['AGR-03']);
  });

  it('AGR-03 records the head-office département and the départements requested', () => {
    const view = agrementView(given(applied()));
    expect(view.headOfficeDepartement).toBe('69');
    expect(view.application?.requestedDepartements).toEqual(['69', '01']);
  });

  it('AGR-04 puts the file on hold when missing documents are requested within 2 months of receipt', () => {
    const state = given(applied(), {
      type: 'MissingDocumentsRequested',
      schemaVersion: 1,
      data: { applicationId: 'app-1', requestedOn: '2024-03-15', missingItems: ['registration_number'] },
    });
    const view = agrementView(state);
    expect(view.status).toBe('incomplete');
    expect(view.deadlines.silenceDeadline).toBeUndefined();
  });

  it('AGR-04 refuses a missing-documents request after 2 months: the file already counts as complete', () => {
    const rules = refusalRules([applied()], {
      type: 'MissingDocumentsRequested',
      schemaVersion: 1,
      data: { applicationId: 'app-1', requestedOn: '2024-03-16', missingItems: ['registration_number'] },
    });
    expect(rules).toEqual(['AGR-04']);
  });

  it('AGR-04 deems the file complete only once the 2-month window closed with no request', () => {
    const early = {
      type: 'FileDeemedComplete',
      schemaVersion: 1,
      data: { applicationId: 'app-1', on: '2024-03-15' },
    } as const;
    expect(refusalRules([applied()], early)).toEqual(['AGR-04']);
    const state = given(applied(), { ...early, data: { ...early.data, on: '2024-03-16' } });
    expect(agrementView(state).status).toBe('complete');
    // complete since receipt: silence runs from 2024-01-15
    expect(agrementDeadlines(state).silenceDeadline).toBe('2024-05-15');
  });

  it('AGR-04 refuses a decision on a file whose missing documents are still awaited', () => {
    const rules = refusalRules(
      [
        applied(),
        {
          type: 'MissingDocumentsRequested',
          schemaVersion: 1,
          data: { applicationId: 'app-1', requestedOn: '2024-02-01', missingItems: ['registration_number'] },
        },
      ],
      granted(),
    );
    expect(rules).toEqual(['AGR-04']);
  });

  it('AGR-10 refuses the grant while a file item is missing and names it', () => {
    const decision = decideAgrement(
      given(
        applied({
          fileItems: [
            'signed_request',
            'general_assembly_resolution',
            'means_and_partner_network',
            'staff_training_evidence',
          ],
        }),
      ),
      granted(),
    );
    expect(decision.accepted).toBe(false);
    if (!decision.accepted) {
      expect(decision.violations).toEqual([
        expect.objectContaining({ rule: 'AGR-10', missing: 'registration_number' }),
      ]);
    }
  });

  it('AGR-10 accepts the grant once the requested file item was received', () => {
    const state = given(
      applied({
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
        ],
      }),
      {
        type: 'MissingDocumentsRequested',
        schemaVersion: 1,
        data: { applicationId: 'app-1', requestedOn: '2024-02-01', missingItems: ['registration_number'] },
      },
      {
        type: 'MissingDocumentsReceived',
        schemaVersion: 1,
        data: { applicationId: 'app-1', receivedOn: '2024-02-20', items: ['registration_number'] },
      },
    );
    expect(agrementView(state).application?.missingItems).toEqual([]);
    expect(decideAgrement(state, granted({ decidedOn: '2024-04-01' })).accepted).toBe(true);
  });
});

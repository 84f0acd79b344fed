import { MembershipEvent } from '../events';
import { constituted } from '../commission.fixtures';
import { commissionView, expiredTermsOn, rosterOn, untrainedMembers } from '../views';
import { decideCommission, foldCommission } from './fold';

const given = (...events: MembershipEvent[]) => foldCommission(events);

function rulesOfRefusal(events: MembershipEvent[], when: MembershipEvent): string[] {
  const decision = decideCommission(given(...events), when);
  if (decision.accepted) throw new Error(`expected a refusal of ${when.type}`);
  return decision.violations.map((v) => v.rule);
}

const appointed = (
  appointments: Extract<MembershipEvent, { type: 'MembersAppointed' }>['data']['appointments'],
  orderedOn = '2024-02-01',
  signatories: readonly ('prefet' | 'prefet_de_police')[] = ['prefet'],
): MembershipEvent => ({
  type: 'MembersAppointed',
  schemaVersion: 1,
  data: { orderedOn, signatories, appointments },
});

const PARIS_CHAIRS = [
  { memberId: 'prefet-paris', role: 'prefet' as const },
  { memberId: 'prefet-police', role: 'prefet_de_police' as const },
];

describe('commission membership (R.121-12-7)', () => {
  it('scenario 37: the Paris commission needs two co-chairs and two signatories of the member list (COM-03)', () => {
    // given Paris, when it is constituted with the préfet alone, then COM-03 refuses
    expect(rulesOfRefusal([], constituted('75'))).toEqual(['COM-03']);
    // when constituted with the préfet de Paris and the préfet de police, then it is accepted
    const paris = [constituted('75', PARIS_CHAIRS)];
    expect(commissionView(given(...paris), '2024-02-01').jointChairRequired).toBe(true);
    // when the member list is signed by the préfet alone, then COM-03 refuses; signed by both, accepted
    const list = [{ memberId: 'judge-1', category: 'judge' as const }];
    expect(rulesOfRefusal(paris, appointed(list))).toEqual(['COM-03']);
    expect(
      decideCommission(given(...paris), appointed(list, '2024-02-01', ['prefet', 'prefet_de_police']))
        .accepted,
    ).toBe(true);
  });

  it('COM-03 applies the same joint chairing in the Bouches-du-Rhône, and a single chair elsewhere', () => {
    expect(rulesOfRefusal([], constituted('13'))).toEqual(['COM-03']);
    expect(decideCommission(given(), constituted('13', PARIS_CHAIRS)).accepted).toBe(true);
    expect(rulesOfRefusal([], constituted('69', PARIS_CHAIRS))).toEqual(['COM-03']);
  });

  it('COM-01 refuses a member list not set by order of the préfet', () => {
    expect(
      rulesOfRefusal([constituted()], appointed([{ memberId: 'd', category: 'doctor' }], '2024-02-01', [])),
    ).toEqual(['COM-01']);
  });

  it('COM-01 admits the 2025 child-protection category only from 30 Dec 2025 (date-effective list)', () => {
    const child = [{ memberId: 'child', category: 'child_protection' as const }];
    expect(rulesOfRefusal([constituted()], appointed(child, '2025-12-29'))).toEqual(['COM-01']);
    const state = given(constituted(), appointed(child, '2025-12-30'));
    expect(rosterOn(state, '2026-01-05').find((m) => m.memberId === 'child')).toMatchObject({
      category: 'child_protection',
      individualCaseAccess: false,
    });
  });

  it('COM-01 labels categories with the wording in force on the date (police reorganisation of 1 Dec 2023)', () => {
    const state = given(
      constituted(),
      appointed([{ memberId: 'police', category: 'national_police_departmental' }]),
    );
    const label = (on: string) => commissionView(state, on).members[0].categoryLabel;
    expect(label('2023-11-30')).toContain('public security');
    expect(label('2024-03-01')).toContain('national police');
  });

  it('COM-02 appoints for 3 years, renewable from the end of the term', () => {
    const state = given(constituted(), appointed([{ memberId: 'doc', category: 'doctor' }]), {
      type: 'MemberTermRenewed',
      schemaVersion: 1,
      data: { memberId: 'doc', orderedOn: '2026-12-01', signatories: ['prefet'] },
    });
    const member = commissionView(state, '2027-02-01').members[0];
    expect(member).toMatchObject({ termStart: '2024-02-01', termEnd: '2030-01-31', sitting: true });
    expect(
      rosterOn(given(constituted(), appointed([{ memberId: 'doc', category: 'doctor' }])), '2027-02-01'),
    ).toHaveLength(1);
  });

  it('COM-02 refuses the renewal of a term that already ended', () => {
    const events = [constituted(), appointed([{ memberId: 'doc', category: 'doctor' }])];
    expect(
      rulesOfRefusal(events, {
        type: 'MemberTermRenewed',
        schemaVersion: 1,
        data: { memberId: 'doc', orderedOn: '2027-02-01', signatories: ['prefet'] },
      }),
    ).toEqual(['COM-02']);
  });

  it('COM-02 replaces a member who left early for the rest of the term only', () => {
    const events: MembershipEvent[] = [
      constituted(),
      appointed([{ memberId: 'doc', category: 'doctor' }]),
      {
        type: 'MemberLeft',
        schemaVersion: 1,
        data: { memberId: 'doc', leftOn: '2025-06-01', reason: 'resigned' },
      },
    ];
    const replacement = appointed(
      [{ memberId: 'doc-2', category: 'doctor', replacesMemberId: 'doc' }],
      '2025-07-01',
    );
    const view = commissionView(given(...events, replacement), '2025-07-02');
    expect(view.members.find((m) => m.memberId === 'doc-2')).toMatchObject({
      termEnd: '2027-01-31',
      sitting: true,
    });
    expect(view.members.find((m) => m.memberId === 'doc')?.sitting).toBe(false);
    // a replacement of someone who has not left is refused
    expect(rulesOfRefusal(events.slice(0, 2), replacement)).toEqual(['COM-02']);
  });

  it('COM-05 records trainingCompletedAt by an approved association and lists untrained members', () => {
    const events: MembershipEvent[] = [
      constituted(),
      appointed([
        { memberId: 'doc', category: 'doctor' },
        { memberId: 'judge', category: 'judge' },
      ]),
      {
        type: 'MemberTrainingCompleted',
        schemaVersion: 1,
        data: {
          memberId: 'doc',
          completedOn: '2024-03-01',
          trainerAssociationId: 'asso-n',
          trainerLevel: 'national',
        },
      },
    ];
    const state = given(...events);
    expect(commissionView(state, '2024-03-02').members[0].trainingCompletedAt).toBe('2024-03-01');
    expect(untrainedMembers(state, '2024-03-02')).toEqual(['judge']);
    const bad = {
      type: 'MemberTrainingCompleted',
      schemaVersion: 1,
      data: {
        memberId: 'judge',
        completedOn: '2024-03-01',
        trainerAssociationId: 'x',
        trainerLevel: 'private',
      },
    } as unknown as MembershipEvent;
    expect(rulesOfRefusal(events, bad)).toEqual(['COM-05']);
  });

  it('ACL-01 requires the association of an 11° representative, so recusal can apply', () => {
    expect(
      rulesOfRefusal([constituted()], appointed([{ memberId: 'rep', category: 'approved_association' }])),
    ).toEqual(['ACL-01']);
  });

  it('is deterministic: the same events give a deep-equal snapshot', () => {
    const events = [constituted(), appointed([{ memberId: 'doc', category: 'doctor' }])];
    expect(JSON.stringify(foldCommission(events))).toEqual(
      JSON.stringify(foldCommission(structuredClone(events))),
    );
    expect(foldCommission(events).context).toEqual(foldCommission(structuredClone(events)).context);
  });

  it('names the lifecycle rule when the commission is not constituted (PD-6)', () => {
    expect(rulesOfRefusal([], appointed([{ memberId: 'doc', category: 'doctor' }]))).toEqual(['COM-01']);
  });

  it('COM-01 / COM-02: an ex officio member (2° to 8°) sits by office with no 3-year term; only members named by the préfet have one', () => {
    const state = given(
      constituted(),
      appointed([
        { memberId: 'gendarme', category: 'gendarmerie' },
        { memberId: 'doc', category: 'doctor' },
      ]),
    );
    const view = commissionView(state, '2027-02-01');
    expect(view.members.find((m) => m.memberId === 'gendarme')).toMatchObject({
      sitting: true,
      exOfficio: true,
    });
    expect(view.members.find((m) => m.memberId === 'gendarme')?.termEnd).toBeUndefined();
    // the doctor (9°) was named for 3 years: 2024-02-01 to 2027-01-31, the last day included
    expect(view.members.find((m) => m.memberId === 'doc')).toMatchObject({
      termEnd: '2027-01-31',
      sitting: false,
      termExpired: true,
    });
    expect(rosterOn(state, '2027-01-31').map((m) => m.memberId)).toEqual(['chair', 'gendarme', 'doc']);
    expect(rosterOn(state, '2027-02-01').map((m) => m.memberId)).toEqual(['chair', 'gendarme']);
    // an ex officio seat has no term to renew
    expect(
      rulesOfRefusal([constituted(), appointed([{ memberId: 'gendarme', category: 'gendarmerie' }])], {
        type: 'MemberTermRenewed',
        schemaVersion: 1,
        data: { memberId: 'gendarme', orderedOn: '2026-12-01', signatories: ['prefet'] },
      }),
    ).toEqual(['COM-02']);
  });

  it('COM-02: the members whose term ended before a sitting are listed with their term, until renewed or replaced', () => {
    const events: MembershipEvent[] = [
      constituted(),
      appointed([
        { memberId: 'doc', category: 'doctor' },
        { memberId: 'local', category: 'local_authority' },
      ]),
    ];
    expect(expiredTermsOn(given(...events), '2027-02-01')).toEqual([
      { memberId: 'doc', termStart: '2024-02-01', termEnd: '2027-01-31' },
      { memberId: 'local', termStart: '2024-02-01', termEnd: '2027-01-31' },
    ]);
    expect(expiredTermsOn(given(...events), '2027-01-31')).toEqual([]);
    // a successor named for the doctor's seat after the term ended sits for a full term
    const succeeded = given(
      ...events,
      appointed([{ memberId: 'doc-2', category: 'doctor', replacesMemberId: 'doc' }], '2027-03-01'),
    );
    expect(commissionView(succeeded, '2027-03-01').members.find((m) => m.memberId === 'doc-2')).toMatchObject(
      {
        termEnd: '2030-02-28',
        sitting: true,
      },
    );
    expect(expiredTermsOn(succeeded, '2027-03-01').map((m) => m.memberId)).toEqual(['local']);
  });
});

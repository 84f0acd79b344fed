import { InMemoryEventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { ForbiddenCommandError } from '../cases/case-access';
import { caseStreamId } from '../cases/case-stream';
import { CommissionCommandHandler } from './commission-command-handler';
import { commissionCommand, sessionCommand } from './commission-commands';
import { loadCommission, loadSession } from './commission-query';

const PREFECTURE: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const PREFECTURE_75: Actor = { subject: 'pref-75', role: 'prefecture', departement: '75' };
const SECRETARIAT: Actor = { subject: 'sec-69', role: 'commission_secretariat', departement: '69' };
const SECRETARIAT_13: Actor = { subject: 'sec-13', role: 'commission_secretariat', departement: '13' };

const APPOINTMENTS = [
  { memberId: 'judge', category: 'judge' },
  { memberId: 'doctor', category: 'doctor' },
  { memberId: 'rep-nid', category: 'approved_association', associationId: 'asso-nid' },
];

describe('CommissionCommandHandler (rule book section 5)', () => {
  let store: InMemoryEventStore;
  let handler: CommissionCommandHandler;
  let seq = 0;
  const ctx = (actor: Actor) => ({ actor, commandId: `cmd-${++seq}` });

  /** A case of département 69 instructed by asso-nid, as the case stream records it. */
  const givenCase = async (caseId: string, departement = '69') =>
    store.append(
      caseStreamId(caseId),
      [
        {
          id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
          type: 'RequestOpened',
          data: {
            openedOn: '2024-01-05',
            personRef: 'p-1',
            associationId: 'asso-nid',
            departement,
            associationAgrementValid: true,
            personAgrees: true,
            victimOf: ['procuring'],
            minorOnRequest: false,
          },
          metadata: { schemaVersion: 1, occurredAt: '2024-01-05T00:00:00Z' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );

  const givenCommission = async () => {
    await handler.constitute(
      { constitutedOn: '2023-06-01', chairs: [{ memberId: 'chair', role: 'prefet' }] },
      ctx(PREFECTURE),
    );
    await handler.execute(
      commissionCommand('appoint-members')!,
      'commission-69',
      { orderedOn: '2023-06-01', signatories: ['prefet'], appointments: APPOINTMENTS },
      ctx(PREFECTURE),
    );
  };

  beforeEach(() => {
    store = new InMemoryEventStore();
    handler = new CommissionCommandHandler(store, () => new Date('2024-02-01T10:00:00Z'));
  });

  it('COM-01 / COM-02: the préfecture constitutes the commission of its département and appoints members for 3 years', async () => {
    await givenCommission();
    const { commission } = await loadCommission(store, 'commission-69', SECRETARIAT, '2024-02-01');
    expect(commission.departement).toBe('69');
    expect(commission.members.map((m) => [m.memberId, m.termEnd])).toEqual([
      ['judge', '2026-05-31'],
      ['doctor', '2026-05-31'],
      ['rep-nid', '2026-05-31'],
    ]);
  });

  it('COM-03: in Paris a single chair is refused (422 naming COM-03)', async () => {
    const refusal = await handler
      .constitute(
        { constitutedOn: '2023-06-01', chairs: [{ memberId: 'chair', role: 'prefet' }] },
        ctx(PREFECTURE_75),
      )
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandRefusedError);
    expect((refusal as CommandRefusedError).violations.map((v) => v.rule)).toContain('COM-03');
  });

  it('ACL: the secretariat may not appoint members (403); another département sees no commission (404)', async () => {
    await givenCommission();
    const order = {
      orderedOn: '2023-07-01',
      signatories: ['prefet'],
      appointments: [{ memberId: 'x', category: 'doctor' }],
    };
    await expect(
      handler.execute(commissionCommand('appoint-members')!, 'commission-69', order, ctx(SECRETARIAT)),
    ).rejects.toBeInstanceOf(ForbiddenCommandError);
    await expect(
      handler.execute(commissionCommand('appoint-members')!, 'commission-69', order, ctx(PREFECTURE_75)),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('COM-07: the session carries the roster of its sitting date, copied by the server', async () => {
    await givenCommission();
    const { sessionId } = await handler.convene(
      'commission-69',
      {
        sessionId: 's-1',
        convenedOn: '2024-02-01',
        sittingOn: '2024-02-10',
        urgency: false,
        presidingChairId: 'chair',
      },
      ctx(SECRETARIAT),
    );
    const snapshot = await loadSession(store, sessionId, SECRETARIAT);
    const [event] = await store.readStream('psp-commission-session-s-1');
    expect(event.data).toMatchObject({ commissionId: 'commission-69', departement: '69' });
    expect((event.data as { members: { memberId: string }[] }).members.map((m) => m.memberId)).toEqual([
      'chair',
      'judge',
      'doctor',
      'rep-nid',
    ]);
    expect('session' in snapshot && snapshot.session.status).toBe('convened');
  });

  it('ACL-01: a case item carries the instructing association read from the case, and its representative is recused', async () => {
    await givenCommission();
    await givenCase('case-1');
    await handler.convene(
      'commission-69',
      {
        sessionId: 's-2',
        convenedOn: '2024-02-01',
        sittingOn: '2024-02-10',
        urgency: false,
        presidingChairId: 'chair',
      },
      ctx(SECRETARIAT),
    );
    await handler.executeSession(
      sessionCommand('add-agenda-item')!,
      's-2',
      { addedOn: '2024-02-02', itemId: 'i-1', kind: 'entry', caseId: 'case-1' },
      ctx(SECRETARIAT),
    );
    const snapshot = await loadSession(store, 's-2', SECRETARIAT);
    if (!('session' in snapshot)) throw new Error('full view expected');
    expect(snapshot.session.agenda[0].item).toMatchObject({ instructingAssociationId: 'asso-nid' });
    expect(snapshot.session.agenda[0].participation.recusals.map((r) => [r.memberId, r.rule])).toEqual([
      ['rep-nid', 'ACL-01'],
    ]);
    const member = await loadSession(store, 's-2', {
      subject: 'm',
      role: 'commission_member',
      departement: '69',
      memberId: 'rep-nid',
    });
    expect('member' in member && member.member.agenda).toEqual([]);
  });

  it('ACL-01: a case of another département cannot be put on the agenda (404)', async () => {
    await givenCommission();
    await givenCase('case-13', '13');
    await handler.convene(
      'commission-69',
      {
        sessionId: 's-3',
        convenedOn: '2024-02-01',
        sittingOn: '2024-02-10',
        urgency: false,
        presidingChairId: 'chair',
      },
      ctx(SECRETARIAT),
    );
    await expect(
      handler.executeSession(
        sessionCommand('add-agenda-item')!,
        's-3',
        { addedOn: '2024-02-02', kind: 'entry', caseId: 'case-13' },
        ctx(SECRETARIAT),
      ),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(
      handler.convene(
        'commission-69',
        { convenedOn: '2024-02-01', sittingOn: '2024-02-10', urgency: false, presidingChairId: 'chair' },
        ctx(SECRETARIAT_13),
      ),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  describe('COM-07 second convocation (CRPA R.133-10)', () => {
    const sitting = async (sessionId: string, attendance: string[], secondConvocation?: object) => {
      await handler.convene(
        'commission-69',
        {
          sessionId,
          convenedOn: secondConvocation ? '2024-02-21' : '2024-02-11',
          sittingOn: secondConvocation ? '2024-02-28' : '2024-02-20',
          urgency: false,
          presidingChairId: 'chair',
          agenda: [{ itemId: `${sessionId}-item`, kind: 'entry', caseId: 'case-1' }],
          ...(secondConvocation ? { secondConvocation } : {}),
        },
        ctx(SECRETARIAT),
      );
      if (attendance.length === 0) return;
      await handler.executeSession(
        sessionCommand('open')!,
        sessionId,
        {
          openedOn: secondConvocation ? '2024-02-28' : '2024-02-20',
          attendance: attendance.map((memberId) => ({ memberId, mode: 'video' })),
        },
        ctx(SECRETARIAT),
      );
    };
    const rulesOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommandRefusedError);
      return (error as CommandRefusedError).violations.map((v) => v.rule);
    };
    const secondOf = (firstSessionId: string) => ({ firstSessionId, statesNoQuorumRequired: true });

    beforeEach(async () => {
      await givenCommission();
      await givenCase('case-1');
    });

    it('COM-07: a second convocation of a sitting that had quorum cannot waive the quorum (the client alone cannot set the flag)', async () => {
      // 3 entitled on the case item (rep-nid recused), 3 present: quorum reached
      await sitting('s-quorate', ['chair', 'judge', 'doctor']);
      expect(await rulesOf(sitting('s-second', [], secondOf('s-quorate')))).toEqual(['COM-07']);
      expect(await store.readStream('psp-commission-session-s-second')).toEqual([]);
    });

    it('COM-07: a second convocation naming an unknown sitting, or one that never sat, is refused', async () => {
      expect(await rulesOf(sitting('s-second', [], secondOf('s-unknown')))).toEqual(['COM-07']);
      await sitting('s-never', []);
      expect(await rulesOf(sitting('s-second', [], secondOf('s-never')))).toEqual(['COM-07']);
    });

    it('COM-07: the second convocation of a sitting that lacked quorum on the same item deliberates without quorum', async () => {
      // 1 of 3 entitled present: no quorum, the item cannot be deliberated
      await sitting('s-first', ['chair']);
      await expect(
        handler.executeSession(
          sessionCommand('deliberate')!,
          's-first',
          { itemId: 's-first-item', decidedOn: '2024-02-20', ballots: [{ memberId: 'chair', vote: 'for' }] },
          ctx(SECRETARIAT),
        ),
      ).rejects.toBeInstanceOf(CommandRefusedError);
      await sitting('s-second', ['chair'], secondOf('s-first'));
      const [convened] = await store.readStream('psp-commission-session-s-second');
      expect(convened.metadata.schemaVersion).toBe(2);
      expect(convened.data).toMatchObject({
        secondConvocation: {
          firstSitting: {
            commissionId: 'commission-69',
            openedOn: '2024-02-20',
            itemsLackingQuorum: [{ kind: 'entry', caseId: 'case-1' }],
          },
        },
      });
      await handler.executeSession(
        sessionCommand('deliberate')!,
        's-second',
        { itemId: 's-second-item', decidedOn: '2024-02-28', ballots: [{ memberId: 'chair', vote: 'for' }] },
        ctx(SECRETARIAT),
      );
      const snapshot = await loadSession(store, 's-second', SECRETARIAT);
      expect('session' in snapshot && snapshot.session.opinions[0]).toMatchObject({
        opinion: 'favourable',
        quorumMet: true,
        quorumReached: false,
        secondConvocation: true,
      });
    });
  });
});

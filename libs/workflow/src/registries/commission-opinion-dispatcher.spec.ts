import { AppendOptions, InMemoryEventStore, NewEvent } from '@psp/event-store';
import { EVENT_SCHEMA_VERSIONS } from '@psp/psp-case';
import { Actor, PersonalDataVault } from '@psp/security';
import { CaseCommandHandler } from '../cases/case-command-handler';
import { caseCommand } from '../cases/case-commands';
import { caseStreamId } from '../cases/case-stream';
import { CommissionCommandHandler } from './commission-command-handler';
import { sessionCommand } from './commission-commands';
import { CommissionOpinionDispatcher } from './commission-opinion-dispatcher';
import { StoreRegistryFacts } from './store-registry-facts';
import { commission69 } from '../../testing/commission-69';

const PREFECTURE: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const SECRETARIAT: Actor = { subject: 'sec-69', role: 'commission_secretariat', departement: '69' };

/** An in-memory store that fails the next append to a case stream, as a crash after the close would. */
class CrashingStore extends InMemoryEventStore {
  crashOnCaseAppend = false;

  override async append(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    if (this.crashOnCaseAppend && streamId.startsWith('psp-case-')) {
      this.crashOnCaseAppend = false;
      throw new Error('process stopped');
    }
    return super.append(streamId, events, options);
  }
}

describe('closing a sitting passes its opinions to the cases (COM-08, R.133-13; ADR 0012)', () => {
  let store: CrashingStore;
  let commissions: CommissionCommandHandler;
  let cases: CaseCommandHandler;
  let seq = 0;
  const ctx = (actor: Actor, commandId = `cmd-${++seq}`) => ({ actor, commandId });
  const session = (name: string, input: Record<string, unknown>, commandId?: string) =>
    commissions.executeSession(sessionCommand(name)!, 's-1', input, ctx(SECRETARIAT, commandId));

  /** A case of 69, instructed by asso-nid and submitted: it waits for the commission's opinion on its entry. */
  const givenCaseAwaitingCommission = async (caseId: string) => {
    const event = (type: keyof typeof EVENT_SCHEMA_VERSIONS, data: object): NewEvent => ({
      id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      type,
      data,
      metadata: { schemaVersion: EVENT_SCHEMA_VERSIONS[type], occurredAt: '2024-01-05T00:00:00Z' },
    });
    await store.append(
      caseStreamId(caseId),
      [
        event('RequestOpened', {
          openedOn: '2024-01-05',
          personRef: 'p-1',
          associationId: 'asso-nid',
          departement: '69',
          associationAgrementValid: true,
          personAgrees: true,
          victimOf: ['procuring'],
          minorOnRequest: false,
        }),
        event('ApsNotApplicable', { determinedOn: '2024-01-05', reason: 'french' }),
        event('InstructionCompleted', {
          completedOn: '2024-01-20',
          parcoursDocumentSigned: true,
          commitmentsListed: true,
          plannedActions: ['housing'],
          plannedLengthMonths: 6,
          associationOpinion: 'favourable',
          swornStatementOfCessation: true,
        }),
        event('SubmittedToPrefecture', { submittedOn: '2024-01-22' }),
      ],
      { expectedRevision: 'no_stream' },
    );
  };

  const opinionsOnCase = async (caseId: string) =>
    (await store.readStream(caseStreamId(caseId))).filter((e) => e.type === 'CommissionOpinionRecorded');

  beforeEach(async () => {
    store = new CrashingStore();
    const clock = () => new Date('2024-02-10T10:00:00Z');
    commissions = new CommissionCommandHandler(store, clock);
    cases = new CaseCommandHandler(store, {} as PersonalDataVault, new StoreRegistryFacts(store), clock);
    await commission69(commissions, () => ctx(PREFECTURE).commandId);
    await givenCaseAwaitingCommission('case-1');
    await givenCaseAwaitingCommission('case-2');
    await commissions.convene(
      'commission-69',
      {
        sessionId: 's-1',
        convenedOn: '2024-02-01',
        sittingOn: '2024-02-10',
        urgency: false,
        presidingChairId: 'chair',
        agenda: [
          { itemId: 'item-1', kind: 'entry', caseId: 'case-1' },
          { itemId: 'item-2', kind: 'entry', caseId: 'case-2' },
        ],
      },
      ctx(SECRETARIAT),
    );
    await session('open', {
      openedOn: '2024-02-10',
      attendance: ['chair', 'judge', 'doctor'].map((memberId) => ({ memberId, mode: 'in_person' })),
    });
    const ballots = (vote: string) => ['chair', 'judge', 'doctor'].map((memberId) => ({ memberId, vote }));
    await session('deliberate', { itemId: 'item-1', decidedOn: '2024-02-10', ballots: ballots('for') });
    await session('deliberate', { itemId: 'item-2', decidedOn: '2024-02-10', ballots: ballots('against') });
  });

  it('COM-08: closing the sitting records each opinion on its case once, and a retried close records nothing more', async () => {
    await session('close', { closedOn: '2024-02-10' }, 'close-1');
    const [one] = await opinionsOnCase('case-1');
    expect(one.data).toMatchObject({
      sessionId: 's-1',
      itemId: 'item-1',
      opinion: 'favourable',
      kind: 'entry',
    });
    expect(one.metadata).toMatchObject({
      commandId: 'commission-opinion:s-1:item-1',
      causationId: 'close-1',
    });
    expect((await opinionsOnCase('case-2')).map((e) => e.data)).toEqual([
      expect.objectContaining({ itemId: 'item-2', opinion: 'unfavourable' }),
    ]);
    // the same close again (a client retry), then a recovery pass: nothing more is written
    const retried = await session('close', { closedOn: '2024-02-10' }, 'close-1');
    expect(retried.replayed).toBe(true);
    const again = await new CommissionOpinionDispatcher(store).deliver('s-1', {
      actor: { id: 'x', role: 'system' },
    });
    expect(again.map((d) => d.outcome)).toEqual(['already_on_file', 'already_on_file']);
    expect(await opinionsOnCase('case-1')).toHaveLength(1);
    expect(await opinionsOnCase('case-2')).toHaveLength(1);
  });

  it('COM-08: a crash after the close is recovered by retrying the close: each opinion is recorded exactly once', async () => {
    store.crashOnCaseAppend = true;
    await expect(session('close', { closedOn: '2024-02-10' }, 'close-2')).rejects.toThrow('process stopped');
    expect(await opinionsOnCase('case-1')).toHaveLength(0);
    await session('close', { closedOn: '2024-02-10' }, 'close-2');
    expect(await opinionsOnCase('case-1')).toHaveLength(1);
    expect(await opinionsOnCase('case-2')).toHaveLength(1);
  });

  it('COM-08: record-commission-opinion keeps working: before the close it records, the close then adds nothing; after it, nothing is written', async () => {
    const record = (itemId: string, caseId: string) =>
      cases.execute(
        caseCommand('record-commission-opinion')!,
        caseId,
        { sessionId: 's-1', itemId },
        ctx(SECRETARIAT),
      );
    const before = await record('item-1', 'case-1');
    expect(before.events.map((e) => e.type)).toEqual(['CommissionOpinionRecorded']);
    await session('close', { closedOn: '2024-02-10' });
    expect(await opinionsOnCase('case-1')).toHaveLength(1);
    const after = await record('item-2', 'case-2');
    expect(after.events).toEqual([]);
    expect(await opinionsOnCase('case-2')).toHaveLength(1);
  });

  it('COM-08: a case that cannot take the opinion any more is reported in the warnings; the sitting still closes', async () => {
    await store.append(
      caseStreamId('case-2'),
      [
        {
          id: '00000000-0000-4000-8000-999999999999',
          type: 'Withdrawn',
          data: { withdrawnOn: '2024-02-05', recordedBy: 'association', byPerson: true },
          metadata: { schemaVersion: EVENT_SCHEMA_VERSIONS.Withdrawn, occurredAt: '2024-02-05T00:00:00Z' },
        },
      ],
      { expectedRevision: 3 },
    );
    const closed = await session('close', { closedOn: '2024-02-10' });
    expect(closed.events.map((e) => e.type)).toEqual(['SessionClosed']);
    expect(closed.warnings).toEqual([
      expect.objectContaining({ rule: 'COM-08', message: expect.stringContaining('case-2') }),
    ]);
    expect(await opinionsOnCase('case-1')).toHaveLength(1);
    expect(await opinionsOnCase('case-2')).toHaveLength(0);
  });
});

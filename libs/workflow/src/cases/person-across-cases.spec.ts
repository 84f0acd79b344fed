import { randomBytes } from 'node:crypto';
import { InMemoryEventStore } from '@psp/event-store';
import { Actor, PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import { EVENT_SCHEMA_VERSIONS, PspCaseEvent, decide } from '@psp/psp-case';
import { CommandRefusedError } from '../command/command-errors';
import { executeCommand } from '../command/execute-command';
import { CaseCommandHandler } from './case-command-handler';
import { caseCommand } from './case-commands';
import { loadCase } from './case-query';
import { caseAggregate, caseStreamId } from './case-stream';
import { RegistryFacts } from './registry-facts';

const FIRST: Actor = { subject: 'a1', role: 'association', departement: '69', associationId: 'asso-69-a' };
const SECOND: Actor = { subject: 'a2', role: 'association', departement: '69', associationId: 'asso-69-b' };
const PREFECTURE: Actor = { subject: 'p', role: 'prefecture', departement: '69' };
const SECRETARIAT: Actor = { subject: 's', role: 'commission_secretariat', departement: '69' };

/** The commission's opinion named by its item id: `caseId|kind|date`. */
const facts: RegistryFacts = {
  agrementValid: async () => true,
  commissionOpinion: async (_sessionId, itemId) => {
    const [caseId, kind, decidedOn] = itemId.split('|');
    return {
      caseId,
      departement: '69',
      kind: kind as 'entry',
      opinion: 'favourable',
      quorumMet: true,
      recusalsApplied: true,
      decidedOn,
    };
  },
};

const PERSON = { givenName: 'Unitpersonne', familyName: 'Changeassociation', birthDate: '1990-05-05' };

/**
 * L.121-9 II (the association of her choice) with PSP-07: a person who changes association in the
 * middle of a period. The old case is closed (`changed_association`), the new association opens a
 * linked case, and the new préfet's decision counts the periods of both.
 */
describe('a change of association keeps the count (PSP-07, L.121-9 II)', () => {
  let store: InMemoryEventStore;
  let vault: PersonalDataVault;
  let handler: CaseCommandHandler;
  let n = 0;

  beforeEach(() => {
    store = new InMemoryEventStore();
    vault = new PersonalDataVault(new SqliteVaultStorage(':memory:'), randomBytes(32));
    handler = new CaseCommandHandler(store, vault, facts);
  });
  afterEach(() => vault.close());

  const run = (actor: Actor, caseId: string, command: string, input: Record<string, unknown>) =>
    handler.execute(caseCommand(command)!, caseId, input, { actor, commandId: `cmd-${(n += 1)}` });

  /** PSP-03 / PSP-04: the instruction's papers, filed as the documents route records them. */
  const filePapers = async (actor: Actor, caseId: string, on: string) => {
    for (const documentType of ['signed_parcours_document', 'commitments'] as const) {
      await executeCommand(
        store,
        caseAggregate,
        caseStreamId(caseId),
        { commandId: `doc-${(n += 1)}`, actor: { id: actor.subject, role: actor.role } },
        async ({ state }) => {
          const event = {
            type: 'DocumentFiled',
            schemaVersion: EVENT_SCHEMA_VERSIONS.DocumentFiled,
            data: {
              documentId: `${caseId}-${documentType}`,
              documentType,
              sha256: '0'.repeat(64),
              mediaType: 'application/pdf',
              sizeBytes: 100,
              filedOn: on,
              author: { role: actor.role, id: actor.subject },
            },
          } as PspCaseEvent;
          const decision = decide(state, event);
          if (!decision.accepted) throw new Error(JSON.stringify(decision.violations));
          return { accepted: true, events: [{ ...event, occurredAt: `${on}T12:00:00.000Z` }] };
        },
        { mode: 'update' },
      );
    }
  };

  const entryUnderDecision = async (actor: Actor, key: string, on: string) => {
    const opened = await handler.open(
      { openedOn: on, personAgrees: true, victimOf: ['procuring'], person: PERSON },
      { actor, commandId: key },
    );
    const { caseId } = opened;
    await run(actor, caseId, 'aps-not-applicable', { determinedOn: on, reason: 'french' });
    await filePapers(actor, caseId, on);
    await run(actor, caseId, 'complete-instruction', {
      completedOn: on,
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await run(actor, caseId, 'submit', { submittedOn: on });
    await run(SECRETARIAT, caseId, 'record-commission-opinion', {
      sessionId: 's',
      itemId: `${caseId}|entry|${on}`,
    });
    return opened;
  };

  it('PSP-07: the new association confirms the link; the new entry waits for the old case to end, then counts its cut periods', async () => {
    const { caseId: caseA } = await entryUnderDecision(FIRST, 'open-a', '2024-01-05');
    await run(PREFECTURE, caseA, 'authorise', { decisionDate: '2024-03-01' });
    await run(PREFECTURE, caseA, 'notify-decision', {
      notifiedOn: '2024-03-05',
      toPerson: true,
      toAssociation: true,
    });
    await run(FIRST, caseA, 'start-renewal', { startedOn: '2024-08-01' });
    await run(FIRST, caseA, 'submit-renewal', {
      submittedOn: '2024-08-01',
      followUpDocumentUpdated: true,
      resultsReported: true,
      commitmentsKept: 'kept',
      difficulties: [],
      associationOpinion: 'favourable',
    });
    await run(SECRETARIAT, caseA, 'record-commission-opinion', {
      sessionId: 's',
      itemId: `${caseA}|renewal|2024-08-10`,
    });
    await run(PREFECTURE, caseA, 'grant-renewal', {
      decisionDate: '2024-08-20',
      notifiedOn: '2024-08-20',
      commitmentsAndDifficultiesConsidered: true,
    });

    // The person chooses another association: a new request while case A still runs.
    const opened = await entryUnderDecision(SECOND, 'open-b', '2024-11-04');
    const caseB = opened.caseId;
    expect(opened.possibleMatch).toEqual({
      cases: 1,
      rightsUsed: { months: 12, days: 0 },
      commands: ['confirm-person-link', 'deny-person-link'],
    });
    await expect(run(PREFECTURE, caseB, 'authorise', { decisionDate: '2024-12-02' })).rejects.toMatchObject({
      violations: [expect.objectContaining({ rule: 'PSP-07', missing: 'personLink' })],
    });
    await run(SECOND, caseB, 'confirm-person-link', { confirmedOn: '2024-11-05' });
    // Case A still holds rights until 2025-02-28: no second parcours at once.
    const running = run(PREFECTURE, caseB, 'authorise', { decisionDate: '2024-12-02' });
    await expect(running).rejects.toBeInstanceOf(CommandRefusedError);
    await expect(running).rejects.toMatchObject({
      violations: expect.arrayContaining([
        expect.objectContaining({ rule: 'PSP-07', message: expect.stringContaining(caseA) }),
      ]),
    });

    // The first association closes its case: rights stop on 2024-12-01 (period 2 cut to 3 months).
    await run(FIRST, caseA, 'close', { closedOn: '2024-12-01', reason: 'changed_association' });
    await run(PREFECTURE, caseB, 'authorise', { decisionDate: '2024-12-02' });

    const authorised = (await store.readStream(caseStreamId(caseB))).find(
      (e) => e.type === 'PrefectAuthorised',
    )!;
    expect((authorised.data as { personPeriods: unknown }).personPeriods).toEqual([
      { caseId: caseA, index: 1, kind: 'entry', start: '2024-03-01', end: '2024-08-31' },
      {
        caseId: caseA,
        index: 2,
        kind: 'renewal',
        start: '2024-09-01',
        end: '2024-11-30',
        stopReason: 'closed',
      },
    ]);
    const view = (await loadCase(store, caseB, PREFECTURE)).view;
    expect(view.periods).toEqual([expect.objectContaining({ start: '2024-12-02', end: '2025-06-01' })]);
    expect(view.rights.used).toEqual({ months: 6, days: 0 });
    expect(view.rights.personUsed).toEqual({ months: 15, days: 0 });
    expect(view.rights.left).toEqual({ months: 9, days: 0 });
  });
});

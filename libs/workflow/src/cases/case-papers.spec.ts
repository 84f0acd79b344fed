import { randomBytes } from 'node:crypto';
import { InMemoryEventStore } from '@psp/event-store';
import { EVENT_SCHEMA_VERSIONS, PspCaseEvent, pspEvent } from '@psp/psp-case';
import { Actor, PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import {
  apsDecision,
  completeChecklist,
  foreignNationalCase,
} from '../../../../state-machines/psp-case/src/testing/fixtures';
import { CommandRefusedError } from '../command/command-errors';
import { CaseCommandHandler } from './case-command-handler';
import { caseCommand } from './case-commands';
import { caseStreamId } from './case-stream';
import { RegistryFacts } from './registry-facts';

const CASE = '00000000-0000-4000-8000-0000000000f1';
const FOREIGNERS: Actor = { subject: 'etrangers', role: 'foreigners_department', departement: '69' };
const facts: RegistryFacts = { agrementValid: async () => true, commissionOpinion: async () => undefined };

/** APS-13 on renewal: the signed CER is read from the documents on file, never sent by the client. */
describe('file-aps-renewal reads the CER from the documents on file (APS-13)', () => {
  let store: InMemoryEventStore;
  let vault: PersonalDataVault;
  let handler: CaseCommandHandler;
  let n = 0;

  const given = async (events: readonly PspCaseEvent[]) =>
    store.append(
      caseStreamId(CASE),
      events.map((event) => ({
        id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
        type: event.type,
        data: event.data,
        metadata: {
          schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
          occurredAt: '2024-09-20T10:00:00.000Z',
        },
      })),
      { expectedRevision: 'any' },
    );
  const cer = pspEvent('DocumentFiled', {
    documentId: '00000000-0000-4000-8000-00000000ce01',
    documentType: 'republican_commitment_contract',
    sha256: '0'.repeat(64),
    mediaType: 'application/pdf',
    sizeBytes: 100,
    filedOn: '2025-02-01',
    author: { role: 'association', id: 'a' },
  });
  const renew = () =>
    handler.execute(
      caseCommand('file-aps-renewal')!,
      CASE,
      { filedOn: '2025-02-10' },
      { actor: FOREIGNERS, commandId: `renewal-${++n}` },
    );

  beforeEach(async () => {
    store = new InMemoryEventStore();
    vault = new PersonalDataVault(new SqliteVaultStorage(':memory:'), randomBytes(32));
    handler = new CaseCommandHandler(store, vault, facts);
    // An APS issued in a parcours; the CER of the first filing was declared in the checklist of an
    // older event (no document): the renewal still needs the contract on file.
    await given([
      ...foreignNationalCase('2024-09-02'),
      pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
      apsDecision('2024-09-20', { validTo: '2025-03-19' }),
    ]);
  });
  afterEach(() => vault.close());

  it('APS-13: without a republican_commitment_contract on file the renewal is refused naming the type, and nothing is written', async () => {
    const before = (await store.readStream(caseStreamId(CASE))).length;
    const refusal = await renew().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandRefusedError);
    expect((refusal as CommandRefusedError).violations).toEqual([
      expect.objectContaining({ rule: 'APS-13', missing: 'documents.republican_commitment_contract' }),
    ]);
    expect((refusal as CommandRefusedError).kind).toBe('input');
    expect(await store.readStream(caseStreamId(CASE))).toHaveLength(before);
  });

  it('APS-13: with the contract on file the renewal is filed, cerSigned set by the engine with the document id', async () => {
    await given([cer]);
    const outcome = await renew();
    expect(outcome.events.map((e) => e.type)).toEqual(['ApsRenewalFiled']);
    const events = await store.readStream(caseStreamId(CASE));
    expect(events[events.length - 1]).toMatchObject({
      type: 'ApsRenewalFiled',
      data: { filedOn: '2025-02-10', cerSigned: true, documentIds: [cer.data.documentId] },
    });
  });
});

import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@psp/event-store';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import { Actor, PersonalDataVault } from '@psp/security';
import { activeCase, requestOpened } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { CommandRefusedError } from '../command/command-errors';
import { AssociationCommandHandler } from '../registries/association-command-handler';
import { associationCommand } from '../registries/association-commands';
import { StoreRegistryFacts } from '../registries/store-registry-facts';
import { CaseCommandHandler } from './case-command-handler';
import { caseCommand } from './case-commands';
import { caseStreamId } from './case-stream';

const ASSOCIATION: Actor = {
  subject: 'asso',
  role: 'association',
  departement: '69',
  associationId: 'asso-nid',
};
const PREFECTURE: Actor = { subject: 'pref', role: 'prefecture', departement: '69' };

/**
 * AGR-06 / AGR-09 on every filing by the association (engine rule of section 6, from L.121-9 II):
 * the workflow reads the agrément on the filing date from the association stream, as it does at
 * the opening, and the case machine refuses the filing when it was not valid.
 */
describe('the agrément is read on every filing by the association', () => {
  let store: InMemoryEventStore;
  let cases: CaseCommandHandler;
  let seq = 0;
  const ctx = (actor: Actor) => ({ actor, commandId: `filing-${++seq}` });

  const givenCase = async (caseId: string, events: readonly PspCaseEvent[]) =>
    store.append(
      caseStreamId(caseId),
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { schemaVersion: event.schemaVersion, occurredAt: '2024-03-05T09:00:00.000Z' },
      })),
      { expectedRevision: 'no_stream' },
    );
  const refusalOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommandRefusedError);
    return (error as CommandRefusedError).violations;
  };

  beforeEach(async () => {
    store = new InMemoryEventStore();
    cases = new CaseCommandHandler(store, {} as PersonalDataVault, new StoreRegistryFacts(store));
    // asso-nid approved for 69 from 2021-08-01 to 2024-07-31 (AGR-06)
    const associations = new AssociationCommandHandler(store);
    await associations.apply(
      associationCommand('apply')!,
      {
        applicationId: 'agr-2021',
        receivedOn: '2021-06-01',
        declaredOn: '2015-01-10',
        statutoryPurposes: ['prostitution_support'],
        signedByLegalRepresentative: true,
        headOfficeDepartement: '69',
        addressedToDepartement: '69',
        requestedDepartements: ['69'],
        conditions: {
          generalAssemblyResolution: { proved: true },
          meansAndPartnerNetwork: { proved: true },
          staffAndVolunteerTraining: { proved: true },
        },
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
          'registration_number',
        ],
      },
      ctx(ASSOCIATION),
    );
    await associations.execute(
      associationCommand('grant')!,
      'asso-nid',
      { decidedOn: '2021-08-01', departements: ['69'] },
      ctx(PREFECTURE),
    );
    const active = [requestOpened({ associationId: 'asso-nid' }), ...activeCase().slice(1)];
    await givenCase('renewing', [
      ...active,
      pspEvent('RenewalInstructionStarted', { startedOn: '2024-07-20' }),
    ]);
    await givenCase('interrupted', [
      ...active,
      pspEvent('Interrupted', { interruptedOn: '2024-04-01', reason: 'hospital_stay' }),
    ]);
  });

  const renewalFiledOn = (submittedOn: string) =>
    cases.execute(
      caseCommand('submit-renewal')!,
      'renewing',
      {
        submittedOn,
        followUpDocumentUpdated: true,
        resultsReported: true,
        commitmentsKept: 'kept',
        difficulties: [],
        associationOpinion: 'favourable',
      },
      ctx(ASSOCIATION),
    );

  it('AGR-06: a renewal filed the day after the agrément expired is refused and nothing is written; on its last day it is accepted', async () => {
    const before = (await store.readStream(caseStreamId('renewing'))).length;
    expect(await refusalOf(renewalFiledOn('2024-08-01'))).toEqual([
      expect.objectContaining({ rule: 'AGR-06', missing: 'agrement' }),
    ]);
    expect(await store.readStream(caseStreamId('renewing'))).toHaveLength(before);
    const accepted = await renewalFiledOn('2024-07-31');
    expect(accepted.events.map((e) => e.type)).toEqual(['RenewalSubmitted']);
    const [event] = (await store.readStream(caseStreamId('renewing'))).slice(-1);
    expect(event.data).toMatchObject({ associationAgrementValid: true });
  });

  it('AGR-06: a resumption requested after the agrément expired is refused', async () => {
    const resumption = (requestedOn: string) =>
      cases.execute(
        caseCommand('request-resumption')!,
        'interrupted',
        { requestedOn, associationOpinion: 'favourable' },
        ctx(ASSOCIATION),
      );
    expect((await refusalOf(resumption('2024-08-01'))).map((v) => v.rule)).toEqual(['AGR-06']);
    expect((await resumption('2024-07-31')).events.map((e) => e.type)).toEqual(['ResumptionRequested']);
  });
});

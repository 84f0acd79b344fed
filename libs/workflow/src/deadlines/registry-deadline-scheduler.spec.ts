import { InMemoryEventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { AssociationCommandHandler } from '../registries/association-command-handler';
import { associationCommand } from '../registries/association-commands';
import { loadAssociation } from '../registries/association-query';
import { AssociationsInLog, RegistryDeadlineScheduler } from './registry-deadline-scheduler';

const ASSOCIATION: Actor = {
  subject: 'agent',
  role: 'association',
  departement: '69',
  associationId: 'asso-69',
};
const SYSTEM: Actor = { subject: 'scheduler', role: 'system' };

const APPLICATION = {
  applicationId: 'app-1',
  receivedOn: '2023-03-01',
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
  fileItems: ['signed_request', 'general_assembly_resolution', 'means_and_partner_network'],
};

describe('RegistryDeadlineScheduler: agrément timers are data', () => {
  let store: InMemoryEventStore;
  let handler: AssociationCommandHandler;
  const schedulerOn = (today: string) =>
    new RegistryDeadlineScheduler(
      store,
      handler,
      new AssociationsInLog(store),
      () => new Date(`${today}T06:00:00Z`),
    );

  beforeEach(async () => {
    store = new InMemoryEventStore();
    handler = new AssociationCommandHandler(store, () => new Date('2023-03-01T10:00:00Z'));
    await handler.apply(associationCommand('apply')!, APPLICATION, {
      actor: ASSOCIATION,
      commandId: 'apply-1',
    });
  });

  it('nothing falls due before the 2-month completeness deadline (AGR-04)', async () => {
    expect(await schedulerOn('2023-05-01').runOnce()).toEqual([]);
  });

  it('AGR-04: no request within 2 months: the file is deemed complete the day after the deadline', async () => {
    const outcomes = await schedulerOn('2023-05-02').runOnce();
    expect(outcomes).toEqual([expect.objectContaining({ command: 'deem-file-complete', on: '2023-05-02' })]);
    const events = await store.readStream('psp-association-asso-69');
    expect(events[1].metadata.commandId).toBe(
      'deadline:psp-association-asso-69:deem-file-complete:2023-05-02',
    );
  });

  it('AGR-05: 4 months of silence on the complete file grant the agrément; a rerun writes nothing', async () => {
    const outcomes = await schedulerOn('2023-07-15').runOnce();
    expect(outcomes.map((o) => o.command)).toEqual(['deem-file-complete', 'grant-by-silence']);
    expect((await loadAssociation(store, 'asso-69', SYSTEM)).agrement.status).toBe('granted');
    expect(await schedulerOn('2023-07-16').runOnce()).toEqual([]);
  });

  it('AGR-06: the agrément expires the day after its last day', async () => {
    await schedulerOn('2023-07-15').runOnce();
    const { validTo } = (await loadAssociation(store, 'asso-69', SYSTEM)).agrement;
    expect(await schedulerOn(validTo!).runOnce()).toEqual([]);
    const outcomes = await schedulerOn('2026-12-01').runOnce();
    expect(outcomes).toEqual([expect.objectContaining({ command: 'expire' })]);
    expect((await loadAssociation(store, 'asso-69', SYSTEM)).agrement.status).toBe('expired');
  });

  it('AGR-07: a renewal filed on the last day keeps the agrément past it; the scheduler grants it by silence 4 months on, never expires it', async () => {
    await schedulerOn('2023-07-15').runOnce();
    const { validTo } = (await loadAssociation(store, 'asso-69', SYSTEM)).agrement;
    expect(validTo).toBe('2026-06-30');
    await handler.execute(
      associationCommand('apply-renewal')!,
      'asso-69',
      { ...APPLICATION, applicationId: 'app-2', receivedOn: validTo },
      { actor: ASSOCIATION, commandId: 'renewal-1' },
    );
    expect(await schedulerOn('2026-07-01').runOnce()).toEqual([]);
    const kept = (await loadAssociation(store, 'asso-69', SYSTEM)).agrement;
    expect(kept).toMatchObject({ status: 'granted', renewal: 'applied' });
    expect(await schedulerOn('2026-10-29').runOnce()).toEqual([
      expect.objectContaining({ command: 'deem-file-complete' }),
    ]);
    const outcomes = await schedulerOn('2026-10-30').runOnce();
    expect(outcomes).toEqual([expect.objectContaining({ command: 'grant-by-silence', on: '2026-10-30' })]);
    expect((await loadAssociation(store, 'asso-69', SYSTEM)).agrement).toMatchObject({
      status: 'renewed',
      validFrom: '2026-10-30',
      validTo: '2029-10-29',
    });
  });
});

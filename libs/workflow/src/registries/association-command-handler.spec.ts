import { InMemoryEventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { ForbiddenCommandError } from '../cases/case-access';
import { AssociationCommandHandler } from './association-command-handler';
import { associationCommand } from './association-commands';
import { loadAssociation } from './association-query';
import { associationStreamId } from './association-stream';

const ASSOCIATION: Actor = {
  subject: 'agent-nid',
  role: 'association',
  departement: '69',
  associationId: 'asso-69',
};
const PREFECTURE_69: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const PREFECTURE_01: Actor = { subject: 'pref-01', role: 'prefecture', departement: '01' };
const PREFECTURE_13: Actor = { subject: 'pref-13', role: 'prefecture', departement: '13' };
const SYSTEM: Actor = { subject: 'scheduler', role: 'system' };

const APPLICATION = {
  applicationId: 'app-1',
  receivedOn: '2023-03-01',
  declaredOn: '2015-01-10',
  statutoryPurposes: ['prostitution_support'],
  signedByLegalRepresentative: true,
  headOfficeDepartement: '69',
  addressedToDepartement: '69',
  requestedDepartements: ['69', '01'],
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
};

describe('AssociationCommandHandler (rule book section 6)', () => {
  let store: InMemoryEventStore;
  let handler: AssociationCommandHandler;
  let seq = 0;
  const run = (name: string, actor: Actor, input: Record<string, unknown>, associationId = 'asso-69') =>
    handler.execute(associationCommand(name)!, associationId, input, { actor, commandId: `cmd-${++seq}` });

  beforeEach(() => {
    store = new InMemoryEventStore();
    handler = new AssociationCommandHandler(store, () => new Date('2023-05-15T10:00:00Z'));
  });

  const applied = () =>
    handler.apply(associationCommand('apply')!, APPLICATION, { actor: ASSOCIATION, commandId: 'apply-1' });

  it('AGR-03: the first application creates the stream of the association named by the token', async () => {
    const outcome = await applied();
    expect(outcome.associationId).toBe('asso-69');
    const [event] = await store.readStream(associationStreamId('asso-69'));
    expect(event.type).toBe('AgrementApplied');
    expect(event.data).toMatchObject({ associationId: 'asso-69', applicationId: 'app-1' });
  });

  it('AGR-03: without an application id the server derives one from the command id (a retry lands on it)', async () => {
    const { applicationId: _omitted, ...withoutId } = APPLICATION;
    const context = { actor: ASSOCIATION, commandId: 'apply-no-id' };
    const first = await handler.apply(associationCommand('apply')!, withoutId, context);
    const again = await handler.apply(associationCommand('apply')!, withoutId, context);
    expect(again.replayed).toBe(true);
    expect(again.revision).toBe(first.revision);
    const events = await store.readStream(associationStreamId('asso-69'));
    expect(events).toHaveLength(1);
    expect((events[0].data as { applicationId: string }).applicationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('AGR-06: the head-office préfet grants; the deciding département and the application come from the server', async () => {
    await applied();
    await run('grant', PREFECTURE_69, { decidedOn: '2023-05-15', departements: ['69', '01'] });
    const snapshot = await loadAssociation(store, 'asso-69', PREFECTURE_01);
    expect(snapshot.agrement.status).toBe('granted');
    expect(snapshot.agrement.validTo).toBe('2026-05-14');
    const events = await store.readStream(associationStreamId('asso-69'));
    expect(events[1].data).toMatchObject({ applicationId: 'app-1', decidedByDepartement: '69' });
  });

  it('AGR-06: the préfecture of a covered département reads the file but may not decide (403)', async () => {
    await applied();
    await expect(
      run('grant', PREFECTURE_01, { decidedOn: '2023-05-15', departements: ['01'] }),
    ).rejects.toBeInstanceOf(ForbiddenCommandError);
  });

  it('deny by default: a préfecture of a département the file does not concern gets 404', async () => {
    await applied();
    await expect(
      run('grant', PREFECTURE_13, { decidedOn: '2023-05-15', departements: ['69'] }),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(loadAssociation(store, 'asso-69', PREFECTURE_13)).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
  });

  it('ACL: an association may not grant itself an agrément (403)', async () => {
    await applied();
    await expect(
      run('grant', ASSOCIATION, { decidedOn: '2023-05-15', departements: ['69'] }),
    ).rejects.toBeInstanceOf(ForbiddenCommandError);
  });

  it('AGR-09: a grant naming a département that was not requested is refused (422) and nothing is written', async () => {
    await applied();
    const refusal = await run('grant', PREFECTURE_69, {
      decidedOn: '2023-05-15',
      departements: ['13'],
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandRefusedError);
    expect((refusal as CommandRefusedError).kind).toBe('input');
    expect((refusal as CommandRefusedError).violations.map((v) => v.rule)).toContain('AGR-09');
    expect(await store.readStream(associationStreamId('asso-69'))).toHaveLength(1);
  });

  it('AGR-08: a withdrawal with no proposal first is refused by the state (409)', async () => {
    await applied();
    await run('grant', PREFECTURE_69, { decidedOn: '2023-05-15', departements: ['69'] });
    const refusal = await run('withdraw', PREFECTURE_69, {
      decidedOn: '2023-09-01',
      grounds: ['annual_reports_not_sent'],
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandRefusedError);
    expect((refusal as CommandRefusedError).violations[0].rule).toBe('AGR-08');
  });

  it('AGR-08: proposal, the association’s observations, then the withdrawal', async () => {
    await applied();
    await run('grant', PREFECTURE_69, { decidedOn: '2023-05-15', departements: ['69'] });
    await run('propose-withdrawal', PREFECTURE_69, {
      proposedOn: '2024-01-10',
      grounds: ['annual_reports_not_sent'],
    });
    await run('send-observations', ASSOCIATION, { receivedOn: '2024-01-20' });
    await run('withdraw', PREFECTURE_69, { decidedOn: '2024-02-01', grounds: ['annual_reports_not_sent'] });
    expect((await loadAssociation(store, 'asso-69', ASSOCIATION)).agrement.status).toBe('withdrawn');
  });

  it('AGR-05: only the scheduler emits silence-means-approval', async () => {
    await applied();
    await expect(run('grant-by-silence', PREFECTURE_69, { on: '2023-07-01' })).rejects.toBeInstanceOf(
      ForbiddenCommandError,
    );
    await run('grant-by-silence', SYSTEM, { on: '2023-07-01' });
    expect((await loadAssociation(store, 'asso-69', SYSTEM)).agrement.status).toBe('granted');
  });

  it('a command on an association with no stream is 404', async () => {
    await expect(
      run('grant', PREFECTURE_69, { decidedOn: '2023-05-15', departements: ['69'] }, 'nobody'),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});

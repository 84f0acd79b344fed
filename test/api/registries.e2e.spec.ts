import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';

/** The two registries (PD-3) acted step by step over real HTTP, each step by the role the rule book names. */
describe('associations and commissions over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-registries-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let registries: Registries;
  const D = '69';
  const ASSO = 'asso-69-nid';

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
    });
    mint = devTokens(dir);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (path: string, role: Parameters<typeof mint>[0], scope: object, body: unknown) =>
    call(api.baseUrl, 'POST', path, { token: await mint(role, scope), body });
  const get = async (path: string, role: Parameters<typeof mint>[0], scope: object = {}) =>
    call(api.baseUrl, 'GET', path, { token: await mint(role, scope) });

  it('AGR-03 / AGR-06: the association applies, the head-office préfecture grants, the deadlines are data', async () => {
    registries = await seedRegistries(api.baseUrl, mint, { departement: D, associationId: ASSO });
    const own = await get(`/associations/${ASSO}`, 'association', { departement: D, associationId: ASSO });
    expect(own.status).toBe(200);
    expect(own.body.agrement).toMatchObject({
      status: 'granted',
      departements: [D],
      validFrom: '2023-05-15',
      validTo: '2026-05-14',
      deadlines: { expiresOn: '2026-05-15', expiryWarningFrom: expect.any(String) },
    });
    expect(own.headers.get('etag')).toBe('"1"');
    const secretariat = await get(`/associations/${ASSO}`, 'commission_secretariat', { departement: D });
    expect(secretariat.status).toBe(200);
  });

  it('deny by default: another département reads no agrément (404), another association neither', async () => {
    expect((await get(`/associations/${ASSO}`, 'prefecture', { departement: '13' })).status).toBe(404);
    expect(
      (await get(`/associations/${ASSO}`, 'association', { departement: D, associationId: 'asso-other' }))
        .status,
    ).toBe(404);
  });

  it('ACL: an association may not decide on its own agrément (403)', async () => {
    const response = await post(
      `/associations/${ASSO}/propose-withdrawal`,
      'association',
      { departement: D, associationId: ASSO },
      { proposedOn: '2024-01-10', grounds: ['annual_reports_not_sent'] },
    );
    expect(response.status).toBe(403);
  });

  it('AGR-08: a withdrawal without the adversarial step is refused (422 naming AGR-08) and nothing is written', async () => {
    const before = await get(`/associations/${ASSO}`, 'prefecture', { departement: D });
    const response = await post(
      `/associations/${ASSO}/withdraw`,
      'prefecture',
      { departement: D },
      { decidedOn: '2024-01-10', grounds: ['annual_reports_not_sent'] },
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.rules.map((r: { rule: string }) => r.rule)).toContain('AGR-08');
    const after = await get(`/associations/${ASSO}`, 'prefecture', { departement: D });
    expect(after.body.revision).toBe(before.body.revision);
  });

  it('an unknown field is refused with 400 naming it', async () => {
    const response = await post(
      `/associations/${ASSO}/grant`,
      'prefecture',
      { departement: D },
      { decidedOn: '2023-05-15', departements: [D], decidedByDepartement: '13' },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([{ field: 'decidedByDepartement', problems: ['unknown field'] }]),
    );
  });

  it('COM-01 / COM-02 / COM-03: the commission is constituted with its members by id and category, no names', async () => {
    const response = await get(`/commissions/${registries.ids.commissionId}`, 'prefecture', {
      departement: D,
    });
    expect(response.status).toBe(200);
    expect(registries.ids.commissionId).toBe(`commission-${D}`);
    const members = response.body.commission.members as {
      memberId: string;
      category: string;
      termEnd: string;
    }[];
    expect(members.map((m) => m.category)).toContain('approved_association');
    expect(members.find((m) => m.memberId === registries.ids.associationRepresentativeId)).toMatchObject({
      associationId: ASSO,
      termEnd: '2026-05-31',
    });
    expect(
      (await get(`/commissions/${registries.ids.commissionId}`, 'prefecture', { departement: '13' })).status,
    ).toBe(404);
  });

  it('COM-03: an order not signed by the préfet is refused (422 naming the rule)', async () => {
    const response = await post(
      `/commissions/${registries.ids.commissionId}/appoint-members`,
      'prefecture',
      { departement: D },
      {
        orderedOn: '2023-07-01',
        signatories: ['prefet_de_police'],
        appointments: [{ memberId: 'member-education-69', category: 'education_services' }],
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.rules.map((r: { rule: string }) => r.rule)).toContain('COM-01');
  });

  it('COM-07 / COM-08 / ACL-01: a session gives an opinion on a case, the instructing association’s representative recused', async () => {
    const association = await mint('association', { departement: D, associationId: ASSO });
    const opened = await call(api.baseUrl, 'POST', '/cases', {
      token: association,
      body: { ...OPEN_REQUEST_BODY.example, openedOn: '2024-01-05' },
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;

    const item = await registries.opinion({ caseId, kind: 'entry', on: '2024-02-10', opinion: 'favourable' });
    const session = await get(`/commission-sessions/${item.sessionId}`, 'commission_secretariat', {
      departement: D,
    });
    expect(session.status).toBe(200);
    const agendaItem = session.body.session.agenda[0];
    expect(agendaItem.item).toMatchObject({ kind: 'entry', caseId, instructingAssociationId: ASSO });
    expect(agendaItem.participation.recusals).toEqual([
      expect.objectContaining({ memberId: registries.ids.associationRepresentativeId, rule: 'ACL-01' }),
    ]);
    expect(session.body.session.opinions).toEqual([
      expect.objectContaining({ caseId, opinion: 'favourable', quorumMet: true, recusalsApplied: true }),
    ]);

    // The commission's opinion goes to the case (PSP-02).
    const recorded = await post(
      `/cases/${caseId}/record-commission-opinion`,
      'commission_secretariat',
      { departement: D },
      item,
    );
    expect([200, 409]).toContain(recorded.status);

    // A member reads only the items it sits on, as opaque ids; the recused representative sees none.
    const judge = await get(`/commission-sessions/${item.sessionId}`, 'commission_member', {
      departement: D,
      memberId: `member-judge-${D}`,
    });
    expect(judge.body.member.agenda).toEqual([
      { itemId: item.itemId, kind: 'entry', caseId, deliberated: true },
    ]);
    const representative = await get(`/commission-sessions/${item.sessionId}`, 'commission_member', {
      departement: D,
      memberId: registries.ids.associationRepresentativeId,
    });
    expect(representative.body.member.agenda).toEqual([]);
  });

  it('COM-07: a session is convened by the secretariat only (403), on the commission of its département (404)', async () => {
    const body = {
      convenedOn: '2024-03-01',
      sittingOn: '2024-03-11',
      urgency: false,
      presidingChairId: registries.ids.chairIds[0],
    };
    const commission = `/commissions/${registries.ids.commissionId}/sessions`;
    expect((await post(commission, 'prefecture', { departement: D }, body)).status).toBe(403);
    expect((await post(commission, 'commission_secretariat', { departement: '13' }, body)).status).toBe(404);
  });

  it('ACL-01: a case of another département cannot be put on the agenda (404), and nothing is written', async () => {
    const convened = await post(
      `/commissions/${registries.ids.commissionId}/sessions`,
      'commission_secretariat',
      { departement: D },
      {
        convenedOn: '2024-04-01',
        sittingOn: '2024-04-11',
        urgency: false,
        presidingChairId: registries.ids.chairIds[0],
      },
    );
    expect(convened.status).toBe(201);
    const sessionId = convened.body.sessionId as string;
    const added = await post(
      `/commission-sessions/${sessionId}/add-agenda-item`,
      'commission_secretariat',
      { departement: D },
      { addedOn: '2024-04-02', kind: 'entry', caseId: '00000000-0000-4000-8000-000000000000' },
    );
    expect(added.status).toBe(404);
    const session = await get(`/commission-sessions/${sessionId}`, 'commission_secretariat', {
      departement: D,
    });
    expect(session.body.revision).toBe(0);
    expect(
      (
        await post(
          `/commission-sessions/${sessionId}/open`,
          'commission_member',
          { departement: D, memberId: `member-judge-${D}` },
          { openedOn: '2024-04-11', attendance: [] },
        )
      ).status,
    ).toBe(404);
  });

  it('documents every registry command in the OpenAPI document', async () => {
    const response = await call(api.baseUrl, 'GET', '/docs/openapi.json');
    expect(response.status).toBe(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/associations/{associationId}/grant',
        '/commissions/{commissionId}/appoint-members',
        '/commission-sessions/{sessionId}/deliberate',
        '/cases/{caseId}/authorise',
      ]),
    );
  });
});

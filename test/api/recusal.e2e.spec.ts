import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';

jest.setTimeout(120_000);

const D = '69';
const ASSO = 'asso-69-nid';
const SESSION = 'session-recusal-2026-02';
const CASE_ITEM = 'item-recusal-case';
const POLICY_ITEM = 'item-recusal-policy';
const CHILD = `member-child-${D}`;

/**
 * Recusal everywhere (ACL-01, ACL-02, ACL-03; COM-04): the instructing association's
 * representative, a member who declared an interest and a child-protection member neither read the
 * case item (no summary in their agenda), nor vote on it, nor count towards its quorum, even when
 * they attend the sitting; the same members count for a policy item of the same sitting.
 */
describe('recusal over HTTP (ACL-01, ACL-02, ACL-03)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-recusal-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let registries: Registries;
  let caseId: string;
  let representative: string;
  let doctor: string;

  const session = `/commission-sessions/${SESSION}`;
  const asSecretariat = async (method: string, path: string, body?: unknown) =>
    call(api.baseUrl, method, path, {
      token: await mint('commission_secretariat', { departement: D }),
      body,
    });
  const asMember = async (memberId: string, method: string, path: string, body?: unknown) =>
    call(api.baseUrl, method, path, {
      token: await mint('commission_member', { departement: D, memberId }),
      body,
    });
  const revision = async () => (await asSecretariat('GET', session)).body.revision as number;
  const caseEntry = async () =>
    (await asSecretariat('GET', session)).body.session.agenda.find(
      (entry: { item: { itemId: string } }) => entry.item.itemId === CASE_ITEM,
    );

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
    });
    mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, { departement: D, associationId: ASSO });
    representative = registries.ids.associationRepresentativeId;
    doctor = `member-doctor-${D}`;
    const opened = await call(api.baseUrl, 'POST', '/cases', {
      token: await mint('association', { departement: D, associationId: ASSO }),
      body: { ...OPEN_REQUEST_BODY.example, openedOn: '2026-01-05' },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    // ACL-03: a child-protection member under the decree of 30 Dec 2025.
    const appointed = await call(
      api.baseUrl,
      'POST',
      `/commissions/${registries.ids.commissionId}/appoint-members`,
      {
        token: await mint('prefecture', { departement: D }),
        body: {
          orderedOn: '2026-01-05',
          signatories: ['prefet'],
          appointments: [{ memberId: CHILD, category: 'child_protection' }],
        },
      },
    );
    expect(appointed.status).toBe(200);
    const convened = await asSecretariat('POST', `/commissions/${registries.ids.commissionId}/sessions`, {
      sessionId: SESSION,
      convenedOn: '2026-01-26',
      sittingOn: '2026-02-10',
      urgency: false,
      presidingChairId: registries.ids.chairIds[0],
      agenda: [
        { itemId: CASE_ITEM, kind: 'entry', caseId },
        { itemId: POLICY_ITEM, kind: 'policy', subject: 'departmental policy 2026' },
      ],
    });
    expect(convened.status).toBe(201);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ACL-01 / ACL-03: the instructing association’s representative and a child-protection member are recused from the case item', async () => {
    const entry = await caseEntry();
    expect(entry.item).toMatchObject({ caseId, instructingAssociationId: ASSO });
    expect(entry.participation.recusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: representative, rule: 'ACL-01' }),
        expect.objectContaining({ memberId: CHILD, rule: 'ACL-03' }),
      ]),
    );
    expect(entry.participation.entitledMemberIds).not.toContain(representative);
    expect(entry.participation.entitledMemberIds).not.toContain(CHILD);
  });

  it('COM-07: the sitting lists its commands for the reader, allowed now or refused with the rule (the console holds no rule)', async () => {
    const commandsOf = (body: {
      commands: { command: string; allowed: boolean; reasons: { rule: string }[] }[];
    }) =>
      Object.fromEntries(body.commands.map((c) => [c.command, c.allowed ? 'allowed' : c.reasons[0].rule]));
    const secretariat = (await asSecretariat('GET', session)).body;
    expect(commandsOf(secretariat)).toEqual({
      'add-agenda-item': 'allowed',
      'declare-interest': 'allowed',
      'give-proxy': 'allowed',
      open: 'allowed',
      deliberate: 'COM-08',
      close: 'COM-07',
      cancel: 'allowed',
    });
    // The roster by id and category, never a name.
    expect(secretariat.session.roster).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: representative, associationId: ASSO, role: 'member' }),
        expect.objectContaining({ memberId: CHILD, individualCaseAccess: false }),
      ]),
    );
    const member = (await asMember(representative, 'GET', session)).body;
    expect(commandsOf(member)).toMatchObject({
      'declare-interest': 'allowed',
      open: 'ACL',
      deliberate: 'ACL',
    });
    expect(member.session).toBeUndefined();
  });

  it('ACL-01 / ACL-03: their agenda withholds the case item and its summary; a member who sits on it reads the minimised summary', async () => {
    for (const memberId of [representative, CHILD]) {
      const agenda = (await asMember(memberId, 'GET', session)).body.member.agenda as { itemId: string }[];
      expect({ memberId, items: agenda.map((item) => item.itemId) }).toEqual({
        memberId,
        items: [POLICY_ITEM],
      });
      expect(JSON.stringify(agenda)).not.toContain(caseId);
      // Nor by the case route: a member reads a case only through an agenda item it sits on.
      expect((await asMember(memberId, 'GET', `/cases/${caseId}`)).status).toBe(404);
    }
    const judge = (await asMember(`member-judge-${D}`, 'GET', session)).body.member.agenda;
    const item = judge.find((candidate: { itemId: string }) => candidate.itemId === CASE_ITEM);
    expect(item).toMatchObject({ caseId, summary: { caseId, view: { status: 'requested' } } });
    expect(item.summary.associationId).toBeUndefined();
    expect(item.summary.person).toBeUndefined();
  });

  it('ACL-02: a member declares its own interest (not another member’s: 403), and the case item disappears from its agenda', async () => {
    const before = await revision();
    const forOther = await asMember(doctor, 'POST', `${session}/declare-interest`, {
      memberId: `member-judge-${D}`,
      itemId: CASE_ITEM,
      declaredOn: '2026-02-01',
    });
    expect(forOther.status).toBe(403);
    // The refusal names the rule and who may record another member's interest.
    expect(forOther.body.detail).toMatch(/^ACL-02: /);
    expect(forOther.body.roles).toEqual(['commission_secretariat']);
    expect(await revision()).toBe(before);
    const outsider = await call(api.baseUrl, 'POST', `${session}/declare-interest`, {
      token: await mint('commission_member', { departement: '13', memberId: doctor }),
      body: { memberId: doctor, itemId: CASE_ITEM, declaredOn: '2026-02-01' },
    });
    expect(outsider.status).toBe(404);

    const declared = await asMember(doctor, 'POST', `${session}/declare-interest`, {
      memberId: doctor,
      itemId: CASE_ITEM,
      declaredOn: '2026-02-01',
    });
    expect(declared.status).toBe(200);
    const entry = await caseEntry();
    expect(entry.participation.recusals).toEqual(
      expect.arrayContaining([expect.objectContaining({ memberId: doctor, rule: 'ACL-02' })]),
    );
    const agenda = (await asMember(doctor, 'GET', session)).body.member.agenda as { itemId: string }[];
    expect(agenda.map((item) => item.itemId)).toEqual([POLICY_ITEM]);
  });

  it('ACL-01 / ACL-02 / ACL-03: recused members who attend do not count towards the quorum of the case item (COM-07 refuses), but do for the policy item', async () => {
    // Seven on the roster; four attend: the chair and the three recused members.
    const opened = await asSecretariat('POST', `${session}/open`, {
      openedOn: '2026-02-10',
      attendance: [registries.ids.chairIds[0], representative, doctor, CHILD].map((memberId) => ({
        memberId,
        mode: 'in_person',
      })),
    });
    expect(opened.status).toBe(200);
    const entry = await caseEntry();
    expect(entry.participation.presentMemberIds).toEqual([registries.ids.chairIds[0]]);
    expect(entry.participation.quorum).toMatchObject({
      entitled: 4,
      presentOrRepresented: 1,
      needed: 2,
      met: false,
    });

    const before = await revision();
    const noQuorum = await asSecretariat('POST', `${session}/deliberate`, {
      itemId: CASE_ITEM,
      decidedOn: '2026-02-10',
      ballots: [{ memberId: registries.ids.chairIds[0], vote: 'for' }],
    });
    expect(noQuorum.status).toBe(422);
    expect(noQuorum.body.rules.map((r: { rule: string }) => r.rule)).toContain('COM-07');
    expect(await revision()).toBe(before);

    // The same four attendants make the quorum of the policy item (7 entitled, 4 needed).
    const policy = await asSecretariat('POST', `${session}/deliberate`, {
      itemId: POLICY_ITEM,
      decidedOn: '2026-02-10',
      ballots: [registries.ids.chairIds[0], representative, doctor, CHILD].map((memberId) => ({
        memberId,
        vote: 'for',
      })),
    });
    expect(policy.status).toBe(200);
  });

  const SECOND = '/commission-sessions/session-recusal-2026-02-bis';

  it('ACL-01 / ACL-02 / ACL-03: a recused member’s ballot on the case item is refused with its rule, and nothing is written', async () => {
    // A second convocation stating that no quorum is required lets the case item be deliberated (R.133-10).
    const convened = await asSecretariat('POST', `/commissions/${registries.ids.commissionId}/sessions`, {
      sessionId: 'session-recusal-2026-02-bis',
      convenedOn: '2026-02-12',
      sittingOn: '2026-02-20',
      urgency: false,
      secondConvocation: { firstSessionId: SESSION, statesNoQuorumRequired: true },
      presidingChairId: registries.ids.chairIds[0],
      agenda: [{ itemId: CASE_ITEM, kind: 'entry', caseId }],
    });
    expect(convened.status).toBe(201);
    // ACL-02 is declared per item and per session: the doctor declares it again for this sitting.
    expect(
      (
        await asMember(doctor, 'POST', `${SECOND}/declare-interest`, {
          memberId: doctor,
          itemId: CASE_ITEM,
          declaredOn: '2026-02-13',
        })
      ).status,
    ).toBe(200);
    const attendance = [registries.ids.chairIds[0], representative, doctor, CHILD, `member-judge-${D}`];
    const opened = await asSecretariat('POST', `${SECOND}/open`, {
      openedOn: '2026-02-20',
      attendance: attendance.map((memberId) => ({ memberId, mode: 'video' })),
    });
    expect(opened.status).toBe(200);
    const secondRevision = async () => (await asSecretariat('GET', SECOND)).body.revision as number;
    const recused: [string, string][] = [
      [representative, 'ACL-01'],
      [doctor, 'ACL-02'],
      [CHILD, 'ACL-03'],
    ];
    for (const [memberId, rule] of recused) {
      const before = await secondRevision();
      const answer = await asSecretariat('POST', `${SECOND}/deliberate`, {
        itemId: CASE_ITEM,
        decidedOn: '2026-02-20',
        ballots: [
          { memberId: registries.ids.chairIds[0], vote: 'for' },
          { memberId, vote: 'for' },
        ],
      });
      expect({ memberId, status: answer.status }).toEqual({ memberId, status: 422 });
      expect(answer.body.rules.map((r: { rule: string }) => r.rule)).toContain(rule);
      expect(await secondRevision()).toBe(before);
    }
  });

  it('ACL-01: the recused members are not in the opinion’s vote count; the minutes list them as not taking part', async () => {
    const deliberated = await asSecretariat('POST', `${SECOND}/deliberate`, {
      itemId: CASE_ITEM,
      decidedOn: '2026-02-20',
      ballots: [
        { memberId: registries.ids.chairIds[0], vote: 'for' },
        { memberId: `member-judge-${D}`, vote: 'for' },
      ],
    });
    expect(deliberated.status).toBe(200);
    const view = (await asSecretariat('GET', SECOND)).body.session;
    expect(view.opinions).toEqual([
      expect.objectContaining({
        caseId,
        opinion: 'favourable',
        votesFor: 2,
        recusalsApplied: true,
        recusedMemberIds: expect.arrayContaining([representative, doctor, CHILD]),
      }),
    ]);
    expect(view.opinions[0].recusedMemberIds).not.toContain(`member-judge-${D}`);
    // The quorum of the item counted neither the recused attendants nor them in its base.
    const entry = view.agenda[0];
    expect(entry.participation.presentMemberIds.sort()).toEqual(
      [registries.ids.chairIds[0], `member-judge-${D}`].sort(),
    );
    expect(entry.participation.quorum.entitled).toBe(4);
  });
});

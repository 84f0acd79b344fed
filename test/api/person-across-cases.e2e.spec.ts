import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDACTED } from '@psp/security';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { OpinionKind, Registries, seedRegistries } from '../support/registry-seed';

/** One fictional person, written by two associations in two ways (accents, case, hyphen). */
const PERSON_IN_69 = {
  givenName: 'Léonie-Maëlle',
  familyName: 'Personnecroisée',
  birthDate: '1995-07-21',
  birthPlace: 'Villefictive-sur-Test',
  nationality: 'FR',
};
const PERSON_IN_13 = {
  givenName: 'LEONIE MAELLE',
  familyName: 'PERSONNECROISEE',
  birthDate: '1995-07-21',
  birthPlace: 'villefictive sur test',
  nationality: 'FR',
};

// Starts a real API process on a machine shared by other runs: a generous ceiling.
jest.setTimeout(180_000);

/**
 * PSP-06 / PSP-07 (R.121-12-10): the 24-month cap belongs to the person. One person, two
 * associations, two départements: a parcours completed after 18 months in the Rhône, then a new
 * request in the Bouches-du-Rhône. The identity index finds her, the association confirms, and the
 * cap counts both cases.
 */
describe('PSP-06 / PSP-07: one person across two associations and two départements, over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-person-'));
  let api: RunningApi;
  const drivers: Record<'69' | '13', { cases: CaseDriver; registries: Registries }> = {} as never;
  let caseA: string;
  let caseB: string;

  const opinion = async (dep: '69' | '13', caseId: string, kind: OpinionKind, on: string) => {
    const { cases, registries } = drivers[dep];
    const item = await registries.opinion({ caseId, kind, on, opinion: 'favourable' });
    return cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
  };

  /** T1..T4: opened, instructed, submitted, commission opinion on file. */
  const requestUnderDecision = async (dep: '69' | '13', key: string, person: object, openedOn: string) => {
    const { cases } = drivers[dep];
    const opened = await cases.open({ openedOn, personAgrees: true, victimOf: ['procuring'], person }, key);
    expect(opened.status).toBe(201);
    return opened;
  };

  const instruct = async (dep: '69' | '13', caseId: string, on: string, opinionOn: string) => {
    const { cases } = drivers[dep];
    await cases.accept('association', caseId, 'aps-not-applicable', { determinedOn: on, reason: 'french' });
    await cases.completeInstruction(caseId, {
      completedOn: on,
      plannedActions: ['housing', 'work_integration'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: on });
    await opinion(dep, caseId, 'entry', opinionOn);
  };

  const renewal = async (caseId: string, start: string, decisionDate: string) => {
    const { cases } = drivers['69'];
    await cases.accept('association', caseId, 'start-renewal', { startedOn: start });
    await cases.accept('association', caseId, 'submit-renewal', {
      submittedOn: start,
      followUpDocumentUpdated: true,
      resultsReported: true,
      commitmentsKept: 'kept',
      difficulties: [],
      associationOpinion: 'favourable',
    });
    await opinion('69', caseId, 'renewal', start);
    await cases.accept('prefecture', caseId, 'grant-renewal', {
      decisionDate,
      notifiedOn: decisionDate,
      commitmentsAndDifficultiesConsidered: true,
    });
  };

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    });
    const mint = devTokens(dir);
    for (const [departement, associationId] of [
      ['69', 'asso-69-first'],
      ['13', 'asso-13-second'],
    ] as const) {
      drivers[departement] = {
        registries: await seedRegistries(api.baseUrl, mint, { departement, associationId }),
        cases: new CaseDriver(api.baseUrl, mint, { departement, associationId }),
      };
    }
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a first parcours in the Rhône (association 1) is completed after 18 months', async () => {
    const opened = await requestUnderDecision('69', 'person-a-open', PERSON_IN_69, '2023-07-03');
    expect(opened.body.possibleMatch).toBeUndefined();
    caseA = opened.body.caseId;
    await instruct('69', caseA, '2023-07-20', '2023-08-20');
    const { cases } = drivers['69'];
    await cases.accept('prefecture', caseA, 'authorise', { decisionDate: '2023-09-01' });
    await cases.accept('prefecture', caseA, 'notify-decision', {
      notifiedOn: '2023-09-04',
      toPerson: true,
      toAssociation: true,
    });
    await renewal(caseA, '2024-02-01', '2024-02-20');
    await renewal(caseA, '2024-08-01', '2024-08-20');
    await cases.accept('association', caseA, 'complete', {
      completedOn: '2025-03-01',
      outcomes: { training: true, job: false, housing: true },
    });
    const view = await cases.view(caseA, 'prefecture');
    expect(view.view.status).toBe('completed');
    expect(view.view.rights.used).toEqual({ months: 18, days: 0 });
  });

  it('PSP-07: a new request by another association in another département finds the earlier parcours, shown without any of its details', async () => {
    const opened = await requestUnderDecision('13', 'person-b-open', PERSON_IN_13, '2025-04-01');
    caseB = opened.body.caseId;
    expect(opened.body.possibleMatch).toEqual({
      cases: 1,
      rightsUsed: { months: 18, days: 0 },
      commands: ['confirm-person-link', 'deny-person-link'],
    });
    // Nothing that names the other case, its association, its département or the person id.
    const text = JSON.stringify(opened.body);
    for (const hidden of [caseA, 'asso-69-first', '"69"']) expect(text).not.toContain(hidden);
    // The same command again gives the same answer.
    const again = await drivers['13'].cases.open(
      { openedOn: '2025-04-01', personAgrees: true, victimOf: ['procuring'], person: PERSON_IN_13 },
      'person-b-open',
    );
    expect(again.body.possibleMatch).toEqual(opened.body.possibleMatch);
    const view = await drivers['13'].cases.view(caseB, 'association');
    expect(view.personParcours).toEqual(
      expect.objectContaining({
        link: 'pending',
        possibleMatch: { cases: 1, rightsUsed: { months: 18, days: 0 } },
      }),
    );
  });

  it('PSP-07: until the association answers, the préfet cannot decide (409 naming PSP-07); nothing is written', async () => {
    await instruct('13', caseB, '2025-04-15', '2025-05-15');
    const { cases } = drivers['13'];
    const before = (await cases.get(caseB, 'prefecture')).body.revision;
    const refused = await cases.send('prefecture', caseB, 'authorise', { decisionDate: '2025-06-02' });
    expect(refused.status).toBe(409);
    expect(refused.body.rules).toContainEqual(expect.objectContaining({ rule: 'PSP-07' }));
    expect((await cases.get(caseB, 'prefecture')).body.revision).toBe(before);
    // Only the association answers the match.
    expect(
      (await cases.send('prefecture', caseB, 'confirm-person-link', { confirmedOn: '2025-05-20' })).status,
    ).toBe(403);
  });

  it('PSP-06 / PSP-07: once confirmed, the cap counts both cases: 18 months used, the entry period is the final one, no renewal', async () => {
    const { cases } = drivers['13'];
    const confirmed = await cases.accept('association', caseB, 'confirm-person-link', {
      confirmedOn: '2025-05-20',
    });
    expect(confirmed.body.events).toEqual([expect.objectContaining({ type: 'PersonLinkConfirmed' })]);
    const answeredTwice = await cases.send('association', caseB, 'deny-person-link', {
      deniedOn: '2025-05-21',
    });
    expect(answeredTwice.status).toBe(409);

    let view = await cases.view(caseB, 'prefecture');
    expect(view.personParcours).toEqual({
      link: 'known',
      otherCases: 1,
      rightsUsed: { months: 18, days: 0 },
    });

    await cases.accept('prefecture', caseB, 'authorise', { decisionDate: '2025-06-02' });
    await cases.accept('prefecture', caseB, 'notify-decision', {
      notifiedOn: '2025-06-03',
      toPerson: true,
      toAssociation: true,
    });
    view = await cases.view(caseB, 'prefecture');
    expect(view.view.periods).toEqual([
      expect.objectContaining({ index: 1, start: '2025-06-02', end: '2025-12-01' }),
    ]);
    expect(view.view.rights).toEqual(
      expect.objectContaining({
        used: { months: 6, days: 0 },
        personUsed: { months: 24, days: 0 },
        left: { months: 0, days: 0 },
        finalPeriod: true,
      }),
    );
    expect(view.personParcours).toEqual({
      link: 'known',
      otherCases: 1,
      rightsUsed: { months: 24, days: 0 },
    });
    const renewal = await cases.send('association', caseB, 'start-renewal', { startedOn: '2025-11-01' });
    expect(renewal.status).toBe(409);
    expect(renewal.body.rules).toContainEqual(expect.objectContaining({ rule: 'PSP-06' }));
  });

  it('ACL-07: erasing the person (all her cases closed) shreds both cases and removes the index entry: the same identity finds no one afterwards', async () => {
    const { cases } = drivers['13'];
    await cases.accept('association', caseB, 'close', { closedOn: '2025-07-01', reason: 'left_france' });
    const erased = await call(api.baseUrl, 'POST', `/cases/${caseB}/erasure`, {
      token: await cases.token('prefecture'),
      headers: { 'idempotency-key': 'person-erasure-1' },
    });
    expect(erased.status).toBe(201);
    for (const [dep, id] of [
      ['13', caseB],
      ['69', caseA],
    ] as const) {
      const view = await drivers[dep].cases.view(id, 'prefecture');
      expect(view.person).toEqual({ givenName: REDACTED, familyName: REDACTED });
    }
    const again = await requestUnderDecision('69', 'person-c-open', PERSON_IN_69, '2025-09-01');
    expect(again.body.possibleMatch).toBeUndefined();
  });

  it('PSP-07: a denied match keeps the new case apart: its own person, nothing of the other counted', async () => {
    const opened = await requestUnderDecision('13', 'person-d-open', PERSON_IN_13, '2025-09-15');
    expect(opened.body.possibleMatch).toEqual(expect.objectContaining({ cases: 1 }));
    const caseD = opened.body.caseId;
    const { cases } = drivers['13'];
    await cases.accept('association', caseD, 'deny-person-link', { deniedOn: '2025-09-16' });
    const view = await cases.view(caseD, 'association');
    expect(view.personParcours).toEqual({ link: 'known', otherCases: 0, rightsUsed: { months: 0, days: 0 } });
  });
});

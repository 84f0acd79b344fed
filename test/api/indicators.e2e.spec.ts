import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

// Seven cases driven over HTTP on a shared machine: more than jest's default 5 s for the set-up.
jest.setTimeout(120_000);

const K = 5;

/** Every count in a JSON report (cells, totals): none may lie in 1..k−1 (ACL-06). */
function counts(report: any): number[] {
  return (report.tables as any[]).flatMap((t) =>
    [...t.rows, t.national].flatMap((r: any) => [...r.values, ...(r.total === undefined ? [] : [r.total])]),
  );
}

describe('GET /indicators over HTTP: section 7.3 figures for analysts, small counts suppressed (ACL-06)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-indicators-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let analyst: string;

  /** T1..T7 (or T6) for a French national in the driver's département. */
  const entry = async (cases: CaseDriver, registries: Registries, key: string, refuse = false) => {
    const opened = await cases.open(
      {
        openedOn: '2024-01-05',
        personAgrees: true,
        victimOf: ['procuring'],
        person: { givenName: 'Testcase', familyName: key, birthDate: '1990-01-01', nationality: 'FR' },
      },
      key,
    );
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await cases.accept('association', caseId, 'aps-not-applicable', {
      determinedOn: '2024-01-05',
      reason: 'french',
    });
    await cases.completeInstruction(caseId, {
      completedOn: '2024-01-20',
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
    const item = await registries.opinion({ caseId, kind: 'entry', on: '2024-02-10', opinion: 'favourable' });
    await cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    if (refuse) {
      await cases.accept('prefecture', caseId, 'refuse', {
        decisionDate: '2024-03-01',
        notifiedOn: '2024-03-04',
        reasons: ['PSP-15: reasons stated in the decision'],
      });
      return caseId;
    }
    await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-03-01' });
    await cases.accept('prefecture', caseId, 'notify-decision', {
      notifiedOn: '2024-03-05',
      toPerson: true,
      toAssociation: true,
    });
    return caseId;
  };

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    call(api.baseUrl, 'GET', path, { token, headers });

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      INDICATORS_MIN_CELL: String(K),
    });
    mint = devTokens(dir);
    analyst = await mint('analyst');
    // Five cases in the Rhône (69), two in the Bouches-du-Rhône (13): one authorised, one refused.
    const lyon = { departement: '69', associationId: 'asso-69-nid' };
    const marseille = { departement: '13', associationId: 'asso-13-amicale' };
    const lyonCases = new CaseDriver(api.baseUrl, mint, lyon);
    const lyonRegistries = await seedRegistries(api.baseUrl, mint, lyon);
    for (let i = 0; i < 5; i++) await entry(lyonCases, lyonRegistries, `ind-69-${i}`);
    const marseilleCases = new CaseDriver(api.baseUrl, mint, marseille);
    const marseilleRegistries = await seedRegistries(api.baseUrl, mint, marseille);
    await entry(marseilleCases, marseilleRegistries, 'ind-13-0');
    await entry(marseilleCases, marseilleRegistries, 'ind-13-1', true);
    // Every event of the seven cases in the views (the last decision may follow the last request).
    await waitForViews(api.baseUrl, dir);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The projector runs after the commands: wait until the view shows the seven cases. */
  const report = async (query = 'year=2024'): Promise<any> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await get(`/indicators?${query}`, analyst);
      expect(answer.status).toBe(200);
      const requests = (answer.body.tables as any[]).find((t) => t.id === 'entry_requests');
      if (!requests || requests.national.values[0] === 7) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the indicator view did not catch up');
  };

  it('ACL-06 / 7.3 items 3 and 4: national figures are published; the small Bouches-du-Rhône cells are hidden and so is their complement', async () => {
    const body = await report();
    expect(body).toMatchObject({ year: 2024, minCell: K, departements: ['13', '69'] });
    for (const v of counts(body)) expect(v === null || v === 0 || v >= K).toBe(true);

    const requests = body.tables.find((t: any) => t.id === 'entry_requests');
    expect(requests).toMatchObject({ item: '3', columns: ['filed'] });
    // 13 has 2 requests (< k): hidden; 69 (5) hidden too, or 7 − 5 would give 13 away.
    expect(requests.rows).toEqual([
      { departement: '13', values: [null] },
      { departement: '69', values: [null] },
    ]);
    expect(requests.national.values).toEqual([7]);

    const decisions = body.tables.find((t: any) => t.id === 'entry_decisions');
    expect(decisions.national.total).toBe(7);
    expect(decisions.rows.find((r: any) => r.departement === '13').values).toEqual([null, 0, null]);
    // The refusal rate over the nation needs its refused count (1 < k): not published.
    const refusalRate = body.rates.find((r: any) => r.id === 'entry_refusal_rate');
    expect(refusalRate.national.value).toBeNull();

    const stock = body.tables.find((t: any) => t.id === 'stock');
    expect(stock.columns).toEqual([
      'in_progress_q1',
      'in_progress_q2',
      'in_progress_q3',
      'in_progress_q4',
      'cumulative_people',
    ]);
    expect(stock.national.values).toEqual([6, 6, 0, 0, 6]);
    expect(body.departementsWithPsp).toEqual({ ever: 2, inProgressAtYearEnd: 0 });

    // 7.3 item 6: 7 requests reached an opinion in 2024, all after 36 days.
    const leadTime = body.leadTimes.find((l: any) => l.id === 'request_to_opinion');
    expect(leadTime.national).toEqual({ departement: 'national', medianDays: 36, p90Days: 36 });
    expect(leadTime.rows.find((r: any) => r.departement === '13').medianDays).toBeNull();
    expect(leadTime.rows.find((r: any) => r.departement === '69').medianDays).toBe(36);
  });

  it('ACL-06: choosing tables or a département returns the same protected cells (no differencing between filters)', async () => {
    const full = await report();
    const one = await report('year=2024&tables=entry_requests,entry_decisions&departement=69');
    expect(one.tables.map((t: any) => t.id)).toEqual(['entry_requests', 'entry_decisions']);
    for (const t of one.tables) {
      const same = full.tables.find((f: any) => f.id === t.id);
      expect(t.national).toEqual(same.national);
      expect(t.rows).toEqual(same.rows.filter((r: any) => r.departement === '69'));
    }
  });

  it('COM-03: the report lists the départements whose commission was installed by the end of the year, and not before', async () => {
    expect((await report()).commissions).toEqual([
      { departement: '13', constitutedOn: '2023-06-01' },
      { departement: '69', constitutedOn: '2023-06-01' },
    ]);
    expect((await get('/indicators?year=2022', analyst)).body.commissions).toEqual([]);
    expect((await report('year=2024&departement=69')).commissions.map((c: any) => c.departement)).toEqual([
      '69',
    ]);
  });

  it('CSV export: one line per figure, suppressed ones empty and marked', async () => {
    await report();
    const answer = await get('/indicators?year=2024&tables=entry_requests&format=csv', analyst);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="indicators-2024.csv"');
    const lines = (answer.body as string).trim().split('\r\n');
    expect(lines).toEqual([
      'year,section,indicator,item_7_3,departement,measure,value,status',
      '2024,table,entry_requests,3,13,filed,,suppressed',
      '2024,table,entry_requests,3,69,filed,,suppressed',
      '2024,table,entry_requests,3,national,filed,7,published',
    ]);
    const viaAccept = await get('/indicators?year=2024&tables=entry_requests', analyst, {
      accept: 'text/csv',
    });
    expect(viaAccept.body).toBe(answer.body);
  });

  it('ACL-06: an auditor reads the aggregates; case-handling roles are refused, and a token is required', async () => {
    expect((await get('/indicators?year=2024', await mint('auditor'))).status).toBe(200);
    for (const role of ['association', 'prefecture', 'commission_member', 'afis_payer'] as const) {
      const token = await mint(role, {
        departement: '69',
        associationId: role === 'association' ? 'asso-69-nid' : undefined,
        memberId: role === 'commission_member' ? 'member-x' : undefined,
      });
      const answer = await get('/indicators?year=2024', token);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await get('/indicators?year=2024')).status).toBe(401);
  });

  it('bad parameters are a 400 problem naming the field, never a 500', async () => {
    const cases: [string, string][] = [
      ['', 'year'],
      ['year=abc', 'year'],
      ['year=2015', 'year'],
      ['year=2999', 'year'],
      ['year=2024&tables=people_by_name', 'tables'],
      ['year=2024&departement=99', 'departement'],
      ['year=2024&format=xml', 'format'],
      ['year=2024&since=2024-03-01', 'since'],
    ];
    for (const [query, field] of cases) {
      const answer = await get(`/indicators?${query}`, analyst);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('ACL-06: an INDICATORS_MIN_CELL below 5 stops the API at start with a configuration error', async () => {
    const other = mkdtempSync(join(tmpdir(), 'psp-indicators-k-'));
    try {
      await expect(
        startApiProcess({
          EVENT_STORE_URL: `sqlite:${join(other, 'events.sqlite')}`,
          DATA_DIR: other,
          SCHEDULER_INTERVAL_MS: '0',
          INDICATORS_MIN_CELL: '3',
        }),
      ).rejects.toThrow(/INDICATORS_MIN_CELL must be a whole number ≥ 5/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

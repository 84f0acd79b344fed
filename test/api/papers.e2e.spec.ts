import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { pdfText } from '@psp/letters/testing';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { uploadAnnexe10 } from '../support/document-files';
import { findPersonalValues } from '../support/personal-values';
import { Registries, seedRegistries } from '../support/registry-seed';
import { personalValuesIn, sqliteFiles } from '../support/store-files';

/** A fictional foreign national with values found nowhere else: any copy of them is a leak. */
const PERSON = {
  givenName: 'Ifeoluwa',
  familyName: 'Papierfictif',
  birthDate: '1991-02-17',
  nationality: 'NG',
  contact: { phone: '+33 6 12 48 90 37' },
};
const VALUES = [PERSON.givenName, PERSON.familyName, PERSON.birthDate, PERSON.contact.phone];

const ASSOCIATION_ADDRESS = 'accueil@asso-69-papers.example';
const PREFECTURE_ADDRESS = 'psp@prefecture-69.example';
const JUDGE_ADDRESS = 'juge@tj-69.example';

interface Mail {
  readonly to: string;
  readonly raw: string;
}

jest.setTimeout(180_000);

describe('the papers of a case end to end: annexe 10 uploads, the authorisation letter, the e-mail, and erasure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-papers-'));
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;
  let caseId: string;
  let letterId: string;
  let letterHash: string;
  let documentIds: string[];
  let sessionId: string;

  const files = () => [
    ...['events.sqlite', 'psp-read.sqlite', 'psp-vault.sqlite'].flatMap((f) => sqliteFiles(join(dir, f))),
    ...walk(join(dir, 'documents')),
  ];
  const download = async (documentId: string, role: Parameters<CaseDriver['token']>[0] = 'association') =>
    fetch(`${api.baseUrl}/cases/${caseId}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${await cases.token(role)}` },
    });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            raw: quotedPrintableDecoded(Buffer.concat(chunks).toString('latin1')),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      NOTIFY_FROM: 'psp@engine.example',
      NOTIFY_INTERVAL_MS: '200',
      NOTIFY_DIRECTORY: JSON.stringify({
        associations: { 'asso-69-papers': ASSOCIATION_ADDRESS },
        prefectures: { '69': PREFECTURE_ADDRESS },
        members: { '69': { 'member-judge-69': JUDGE_ADDRESS } },
      }),
      PUBLIC_BASE_URL: 'https://psp.example',
    });
    const mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-papers',
    });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-papers' });
  });
  afterAll(async () => {
    await api?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('T5 / T7 / PSP-15: the préfet authorises; notify-decision generates the signed letter, files it, and the notification event carries its hash', async () => {
    const opened = await cases.open(
      { openedOn: '2024-01-08', personAgrees: true, victimOf: ['trafficking'], person: PERSON },
      'papers-open-1',
    );
    caseId = opened.body.caseId;
    await cases.accept('association', caseId, 'aps-required', {
      determinedOn: '2024-01-08',
      asylumClaimPending: false,
    });
    await cases.completeInstruction(caseId, {
      completedOn: '2024-01-20',
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: true,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
    const item = await registries.opinion({ caseId, kind: 'entry', on: '2024-02-10', opinion: 'favourable' });
    sessionId = item.sessionId;
    await cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-03-01' });
    const notified = await cases.accept('prefecture', caseId, 'notify-decision', {
      notifiedOn: '2024-03-05',
      toPerson: true,
      toAssociation: true,
    });
    expect(notified.body.events.map((e: { type: string }) => e.type)).toEqual([
      'DocumentFiled',
      'DecisionNotified',
    ]);

    const history = await call(api.baseUrl, 'GET', `/cases/${caseId}/history`, {
      token: await cases.token('auditor'),
    });
    const notification = history.body.entries.find((e: { type: string }) => e.type === 'DecisionNotified');
    expect(notification.data.letter).toMatchObject({
      template: 'parcours_authorised',
      templateVersion: 1,
      appealRoutesStated: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    letterId = notification.data.letter.documentId;
    letterHash = notification.data.letter.sha256;

    const letter = await download(letterId);
    expect(letter.status).toBe(200);
    const bytes = Buffer.from(await letter.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(letterHash);
    const text = pdfText(bytes);
    expect(text).toContain(
      "Décision d'autorisation d'engagement dans un parcours de sortie de la prostitution",
    );
    expect(text).toContain(`Dossier n° ${caseId}`);
    expect(text).toContain('article L.121-9'); // the legal basis
    expect(text).toContain(`${PERSON.givenName} ${PERSON.familyName}`); // addressed to the person
    expect(text).toContain('Voies et délais de recours');
    expect(text).toContain('deux mois à compter de sa notification'); // CJA R.421-1
    expect(text).toContain('recours gracieux');
    expect(text).toContain('tribunal administratif');
  });

  it('D1–D10: the association uploads the annexe 10 papers and the APS checklist is met by them', async () => {
    const ids = await uploadAnnexe10(
      api.baseUrl,
      await cases.token('association'),
      caseId,
      (type) => `${type} of ${PERSON.givenName} ${PERSON.familyName}, born ${PERSON.birthDate}`,
    );
    documentIds = Object.values(ids);
    const filed = await cases.accept('foreigners_department', caseId, 'file-aps', {
      filedOn: '2024-03-10',
      nonPolygamyStatement: 'not_applicable',
    });
    expect(filed.body.events.map((e: { type: string }) => e.type)).toEqual(['ApsFiled']);
    expect((await cases.view(caseId, 'foreigners_department')).view.aps.status).toBe('filed');
    // The foreigners' department reads the papers it needs.
    const birth = await download(ids.birth_certificate, 'foreigners_department');
    expect(pdfText(Buffer.from(await birth.arrayBuffer()))).toContain(PERSON.familyName);
  });

  it('notifications: the association and the préfecture receive one e-mail each for the decision, with the file number and a link, and no personal value', async () => {
    const deadline = Date.now() + 30_000;
    const decisions = () => mails.filter((m) => m.raw.includes(caseId) && m.raw.includes('notifi'));
    while (decisions().length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(
      decisions()
        .map((m) => m.to)
        .sort(),
    ).toEqual([ASSOCIATION_ADDRESS, PREFECTURE_ADDRESS]);
    // The renewal alerts (60 and 30 days before the period ends, long past on these 2024 dates) went too.
    // (The sitting's convocation to the judge names its session, whose id embeds the case's: not a case mail.)
    const forCase = mails.filter((m) => m.raw.includes(caseId) && m.to !== JUDGE_ADDRESS);
    for (const mail of forCase) {
      expect(mail.raw).toContain(`https://psp.example/cases/${caseId}`);
      expect(findPersonalValues(Buffer.from(mail.raw), VALUES)).toEqual([]);
    }
    // Delivered once: a few more rounds of the job send nothing again.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(decisions()).toHaveLength(2);
    expect(mails.filter((m) => m.raw.includes(caseId) && m.to !== JUDGE_ADDRESS)).toHaveLength(4);
  });

  it('COM-07 / ACL-05: the judge receives the convocation of the sitting; the préfecture follows the outbox of its département, others may not', async () => {
    const deadline = Date.now() + 30_000;
    const convocation = () => mails.find((m) => m.to === JUDGE_ADDRESS && m.raw.includes(sessionId));
    while (!convocation() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const mail = convocation()!;
    expect(mail.raw).toContain(`https://psp.example/commission-sessions/${sessionId}`);
    expect(mail.raw).not.toMatch(/dossier n°|Dossier PSP/); // the agenda is read through the session
    expect(findPersonalValues(Buffer.from(mail.raw), VALUES)).toEqual([]);

    const outbox = async (role: Parameters<CaseDriver['token']>[0], query = '') =>
      call(api.baseUrl, 'GET', `/notifications/outbox${query}`, { token: await cases.token(role) });
    const all = await outbox('prefecture');
    expect(all.status).toBe(200);
    expect(all.body.departement).toBe('69');
    const items = all.body.items as {
      kind: string;
      about: string;
      status: string;
      recipient: { kind: string; key: string };
    }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'decision',
          about: caseId,
          status: 'sent',
          recipient: { kind: 'prefecture', key: '69' },
        }),
        expect.objectContaining({
          kind: 'convocation',
          about: `commission-session:${sessionId}`,
          status: 'sent',
          recipient: { kind: 'member', key: '69/member-judge-69' },
        }),
      ]),
    );
    // Members with no address in NOTIFY_DIRECTORY: undeliverable, listed as failed.
    const failed = (await outbox('prefecture', '?status=failed')).body.items as typeof items;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((m) => m.status === 'undeliverable' || m.status === 'pending')).toBe(true);
    expect(failed.map((m) => m.recipient.key)).not.toContain('69/member-judge-69');
    expect(JSON.stringify(all.body)).not.toContain(ASSOCIATION_ADDRESS);
    // The auditor of the département sees the same; the association may not (403 naming who may).
    expect((await outbox('auditor', '?departement=69')).body.items).toHaveLength(items.length);
    const association = await outbox('association');
    expect(association.status).toBe(403);
    expect(association.body.detail).toMatch(/^ACL-05: /);
    expect(association.body.roles).toEqual(['prefecture', 'auditor']);
    const elsewhere = await outbox('prefecture', '?departement=75');
    expect(elsewhere.status).toBe(403);
    expect((await outbox('prefecture', '?status=lost')).status).toBe(400);
  });

  it('COM-07 / COM-08: the sitting that gave the opinion has its convocation, attendance sheet and minutes as PDF, with file numbers only', async () => {
    const paper = async (name: string, role: Parameters<CaseDriver['token']>[0] = 'commission_secretariat') =>
      fetch(`${api.baseUrl}/commission-sessions/${sessionId}/papers/${name}`, {
        headers: { authorization: `Bearer ${await cases.token(role)}` },
      });
    const minutes = await paper('minutes');
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get('content-type')).toBe('application/pdf');
    // The PDF wraps long lines at a hyphen: the extracted text is rejoined there before matching ids.
    const text = pdfText(Buffer.from(await minutes.arrayBuffer())).replace(/-\s+/g, '-');
    expect(text).toContain('Procès-verbal');
    expect(text).toContain(`dossier n° ${caseId}`);
    expect(text).toMatch(/Quorum : \d+ présents ou représentés sur \d+ membres appelés à siéger/);
    expect(text).toMatch(/Votes : \d+ pour, \d+ contre, \d+ abstentions/);
    expect(text).toContain('Avis favorable, le 2024-02-10');
    expect(text).toMatch(/ne siège|Déports/);
    const convocation = pdfText(Buffer.from(await (await paper('convocation')).arrayBuffer()));
    expect(convocation).toContain('Ordre du jour');
    expect(convocation).toMatch(/soit un délai de \d+ jours/);
    expect(pdfText(Buffer.from(await (await paper('attendance')).arrayBuffer()))).toContain(
      "Feuille d'émargement",
    );
    for (const value of VALUES) expect(text).not.toContain(value);
    // COM-07 / COM-08: the convocation was filed at convening, the attendance sheet and the minutes
    // at closing: their SHA-256 are in the session's events, and the route answers those bytes.
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    const filed = (type: string) => {
      const row = db
        .prepare('SELECT data FROM events WHERE stream_id = ? AND type = ? ORDER BY revision DESC LIMIT 1')
        .get(`psp-commission-session-${sessionId}`, type) as { data: string };
      return JSON.parse(row.data).papers as { paper: string; sha256: string; documentId: string }[];
    };
    const [convened, closed] = [filed('SessionConvened'), filed('SessionClosed')];
    db.close();
    expect(convened.map((p) => p.paper)).toEqual(['convocation']);
    expect(closed.map((p) => p.paper)).toEqual(['attendance', 'minutes']);
    const digest = async (name: string) =>
      createHash('sha256')
        .update(Buffer.from(await (await paper(name)).arrayBuffer()))
        .digest('hex');
    expect(await digest('minutes')).toBe(closed[1].sha256);
    expect(await digest('attendance')).toBe(closed[0].sha256);
    expect(walk(join(dir, 'documents')).filter((f) => f.includes(closed[1].documentId))).toHaveLength(1);
    expect((await paper('agenda')).status).toBe(404);
    expect((await paper('minutes', 'association')).status).toBe(404);
  });

  it('ACL-07 / R13: after erasure the documents and the letter are unreadable (410), and no personal value remains in any file', async () => {
    // Before erasure, the person's values are in the papers (the scan below would find a clear copy).
    expect(pdfText(Buffer.from(await (await download(letterId)).arrayBuffer()))).toContain(PERSON.familyName);
    await cases.accept('association', caseId, 'close', { closedOn: '2024-04-30', reason: 'left_france' });
    const erased = await call(api.baseUrl, 'POST', `/cases/${caseId}/erasure`, {
      token: await cases.token('prefecture'),
      headers: { 'idempotency-key': 'papers-erasure-1' },
    });
    expect(erased.status).toBe(201);
    for (const documentId of [letterId, ...documentIds]) {
      const answer = await download(documentId);
      expect(answer.status).toBe(410);
      expect(((await answer.json()) as { type: string }).type).toMatch(/\/document-erased$/);
    }
    // The history still carries the hashes (proof of what was sent), never the content.
    const history = await call(api.baseUrl, 'GET', `/cases/${caseId}/history`, {
      token: await cases.token('auditor'),
    });
    expect(JSON.stringify(history.body)).toContain(letterHash);
    // The annexe 10 papers, the letter, and the instruction's two papers (PSP-03, PSP-04).
    expect(files().filter((f) => f.includes(`${join('documents', caseId)}`)).length).toBe(
      documentIds.length + 3,
    );
    expect(personalValuesIn(files(), VALUES)).toEqual([]);
    await api.stop();
    expect(personalValuesIn(files(), VALUES)).toEqual([]);
    expect(findPersonalValues(Buffer.from(api.output()), VALUES)).toEqual([]);
  });
});

/** The message with its quoted-printable soft breaks and escapes decoded (headers and body). */
function quotedPrintableDecoded(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function walk(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  } catch {
    return [];
  }
}

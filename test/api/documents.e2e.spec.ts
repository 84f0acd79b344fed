import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import {
  EXECUTABLE,
  TINY_PNG,
  pdfCompressionBomb,
  pdfWith,
  pdfWithHiddenJavaScript,
  pdfWithJavaScript,
  uploadAnnexe10,
  uploadDocument,
  zipBomb,
} from '../support/document-files';
import { FOREIGN_PERSON } from '../support/foreign-case';
import { Registries, seedRegistries } from '../support/registry-seed';

jest.setTimeout(180_000);

/** A foreign national's case, authorised and notified: the APS is to be filed. */
async function authorisedForeignCase(
  cases: CaseDriver,
  registries: Registries,
  key: string,
): Promise<string> {
  const opened = await cases.open(
    { openedOn: '2024-01-08', personAgrees: true, victimOf: ['trafficking'], person: FOREIGN_PERSON },
    key,
  );
  const caseId = opened.body.caseId as string;
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
  await cases.accept(
    'commission_secretariat',
    caseId,
    'record-commission-opinion',
    await registries.opinion({ caseId, kind: 'entry', on: '2024-02-10', opinion: 'favourable' }),
  );
  await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-03-01' });
  await cases.accept('prefecture', caseId, 'notify-decision', {
    notifiedOn: '2024-03-05',
    toPerson: true,
    toAssociation: true,
  });
  return caseId;
}

const STORES: [string, () => { env: Record<string, string>; drop: () => Promise<void> }][] = [
  ['local files (the default)', () => ({ env: {}, drop: async () => undefined })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaUrl('docs_e2e');
      return { env: { DOCUMENT_STORE_URL: schema.url }, drop: schema.drop };
    },
  ],
];

describe.each(STORES)('documents of a case over HTTP, stored on %s', (storeName, store) => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-documents-e2e-'));
  const { env: storeEnv, drop } = store();
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
    DOCUMENT_MAX_BYTES: String(256 * 1024),
    ...storeEnv,
  };
  const local = storeName.startsWith('local');
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;
  let caseId: string;

  const documentsOf = async (role: Parameters<CaseDriver['token']>[0]) =>
    call(api.baseUrl, 'GET', `/cases/${caseId}/documents`, { token: await cases.token(role) });
  const storedFiles = () =>
    existsSync(join(dir, 'documents', caseId)) ? readdirSync(join(dir, 'documents', caseId)) : [];
  const eventsOf = async () => (await cases.view(caseId, 'prefecture')).revision as number;

  beforeAll(async () => {
    api = await startApiProcess(env);
    const mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-docs',
    });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-docs' });
    caseId = await authorisedForeignCase(cases, registries, `documents-${local ? 'files' : 'postgres'}`);
  });
  afterAll(async () => {
    await api?.stop();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PSP-04 / PSP-03: complete-instruction reads the signed parcours document and the commitments from the documents on file; each missing one is named, nothing is written', async () => {
    const opened = await cases.open(
      { openedOn: '2024-01-08', personAgrees: true, victimOf: ['trafficking'], person: FOREIGN_PERSON },
      `instruction-papers-${local ? 'files' : 'postgres'}`,
    );
    const other = opened.body.caseId as string;
    await cases.accept('association', other, 'aps-required', {
      determinedOn: '2024-01-08',
      asylumClaimPending: false,
    });
    const body = {
      completedOn: '2024-01-20',
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      swornStatementOfCessation: true,
    };
    const revision = async () => (await cases.view(other)).revision as number;
    const before = await revision();
    const none = await cases.send('association', other, 'complete-instruction', body);
    expect(none.status).toBe(422);
    expect(none.body.rules).toEqual([
      expect.objectContaining({
        rule: 'PSP-04',
        message: expect.stringContaining('signed_parcours_document'),
      }),
      expect.objectContaining({ rule: 'PSP-03', message: expect.stringContaining('commitments') }),
    ]);
    // The booleans the client used to send are refused: the papers prove the items.
    const booleans = await cases.send('association', other, 'complete-instruction', {
      ...body,
      parcoursDocumentSigned: true,
      commitmentsListed: true,
    });
    expect(booleans.status).toBe(400);
    expect(await revision()).toBe(before);

    const token = await cases.token('association');
    const paper = async (type: string) =>
      (
        await uploadDocument(api.baseUrl, token, other, type, {
          bytes: await pdfWith(`Fictional ${type}`),
          name: `${type}.pdf`,
        })
      ).body.documentId as string;
    const signed = await paper('signed_parcours_document');
    const half = await cases.send('association', other, 'complete-instruction', body);
    expect(half.status).toBe(422);
    expect(half.body.rules.map((r: { rule: string }) => r.rule)).toEqual(['PSP-03']);
    const commitments = await paper('commitments');
    await cases.accept('association', other, 'complete-instruction', body);
    const history = await call(api.baseUrl, 'GET', `/cases/${other}/history`, {
      token: await cases.token('auditor'),
    });
    const completed = history.body.entries.find((e: { type: string }) => e.type === 'InstructionCompleted');
    expect(completed.data).toMatchObject({
      parcoursDocumentSigned: true,
      commitmentsListed: true,
      documentIds: [signed, commitments],
    });
  });

  it('D1–D10: file-aps is refused while the annexe 10 papers are missing (each item named), and nothing is written', async () => {
    const before = await eventsOf();
    const refused = await cases.send('foreigners_department', caseId, 'file-aps', { filedOn: '2024-03-10' });
    expect(refused.status).toBe(409);
    expect(refused.body.rules.map((r: { rule: string }) => r.rule)).toEqual(
      expect.arrayContaining(['D1', 'D2', 'D3', 'D4', 'D5', 'D8']),
    );
    // Booleans sent by the client are not accepted any more (the papers prove the items).
    const booleans = await cases.send('foreigners_department', caseId, 'file-aps', {
      filedOn: '2024-03-10',
      checklist: { proofOfAddress: true },
    });
    expect(booleans.status).toBe(400);
    expect(await eventsOf()).toBe(before);
  });

  it('D1–D10: the association uploads the annexe 10 papers; each is a DocumentFiled event with its SHA-256; the APS is then filed from them', async () => {
    const ids = await uploadAnnexe10(api.baseUrl, await cases.token('association'), caseId);
    const listed = await documentsOf('association');
    expect(listed.status).toBe(200);
    // The instruction's two papers, the authorisation letter (generated on notification) and the six papers.
    const types = listed.body.items.map((d: { documentType: string }) => d.documentType);
    expect(types.slice(0, 3)).toEqual(['signed_parcours_document', 'commitments', 'decision_letter']);
    expect(types).toHaveLength(9);
    expect(listed.body.items[3]).toMatchObject({
      documentType: 'birth_certificate',
      apsItem: 'D1',
      mediaType: 'application/pdf',
      authorRole: 'association',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const filed = await cases.accept('foreigners_department', caseId, 'file-aps', {
      filedOn: '2024-03-10',
      nonPolygamyStatement: 'not_applicable',
    });
    expect(filed.body.events).toEqual([expect.objectContaining({ type: 'ApsFiled' })]);
    const history = await call(api.baseUrl, 'GET', `/cases/${caseId}/history`, {
      token: await cases.token('auditor'),
    });
    const apsFiled = history.body.entries.find((e: { type: string }) => e.type === 'ApsFiled');
    expect(apsFiled.data.documentIds.sort()).toEqual(Object.values(ids).sort());
    expect(apsFiled.data.checklist).toMatchObject({ civilStatus: 'birth_certificate', cerSigned: true });
    if (local) expect(storedFiles()).toHaveLength(9);
  });

  it('ACL-05 / ACL-06: the foreigners’ department reads annexe 10 papers (read-audited), never the social assessment', async () => {
    const assessment = await pdfWith('Social assessment of a fictional person');
    const uploaded = await uploadDocument(
      api.baseUrl,
      await cases.token('association'),
      caseId,
      'social_assessment',
      {
        bytes: assessment,
        name: 'assessment.pdf',
      },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.sha256).toBe(createHash('sha256').update(assessment).digest('hex'));

    const seen = (await documentsOf('foreigners_department')).body.items.map(
      (d: { documentType: string }) => d.documentType,
    );
    expect(seen).toContain('birth_certificate');
    expect(seen).not.toContain('social_assessment');
    const hidden = await fetch(`${api.baseUrl}/cases/${caseId}/documents/${uploaded.body.documentId}`, {
      headers: { authorization: `Bearer ${await cases.token('foreigners_department')}` },
    });
    expect(hidden.status).toBe(404);

    const birth = (await documentsOf('foreigners_department')).body.items.find(
      (d: { documentType: string }) => d.documentType === 'birth_certificate',
    );
    const download = await fetch(`${api.baseUrl}/cases/${caseId}/documents/${birth.documentId}`, {
      headers: { authorization: `Bearer ${await cases.token('foreigners_department')}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(birth.sha256);

    const own = await fetch(`${api.baseUrl}/cases/${caseId}/documents/${uploaded.body.documentId}`, {
      headers: { authorization: `Bearer ${await cases.token('association')}` },
    });
    expect(Buffer.from(await own.arrayBuffer())).toEqual(assessment);

    const reads = await call(api.baseUrl, 'GET', `/audit/reads?caseId=${caseId}&from=2000-01-01`, {
      token: await cases.token('auditor'),
    });
    const downloads = reads.body.items.filter(
      (r: { route: string }) => r.route === '/cases/:caseId/documents/:documentId',
    );
    expect(downloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorRole: 'foreigners_department',
          fields: ['documents.birth_certificate'],
        }),
        expect.objectContaining({ actorRole: 'association', fields: ['documents.social_assessment'] }),
      ]),
    );
    // ACL-05: the association cannot upload a decision letter, nor the AFIS payer a social
    // assessment; the 403 names the rule and the roles that may upload the type.
    const letter = await uploadDocument(
      api.baseUrl,
      await cases.token('association'),
      caseId,
      'decision_letter',
      {
        bytes: assessment,
        name: 'letter.pdf',
      },
    );
    expect(letter.status).toBe(403);
    expect(letter.body.detail).toMatch(/^ACL-05: .*decision_letter.*generated by the engine/);
    const byPayer = await uploadDocument(
      api.baseUrl,
      await cases.token('afis_payer'),
      caseId,
      'social_assessment',
      {
        bytes: assessment,
        name: 'assessment.pdf',
      },
    );
    expect(byPayer.status).toBe(403);
    expect(byPayer.body.detail).toMatch(/^ACL-05: .*social_assessment/);
    expect(byPayer.body.roles).toEqual(['association']);
    const auditor = await fetch(`${api.baseUrl}/cases/${caseId}/documents/${birth.documentId}`, {
      headers: { authorization: `Bearer ${await cases.token('auditor')}` },
    });
    expect(auditor.status).toBe(404);
  });

  it('hostile uploads are refused with a clear problem naming the field, and nothing is stored nor recorded', async () => {
    const before = await eventsOf();
    const filesBefore = storedFiles();
    const token = await cases.token('association');
    const hostile: [string, { bytes: Buffer; name: string; type?: string }, number, string][] = [
      [
        'too large',
        { bytes: Buffer.concat([await pdfWith('big'), Buffer.alloc(300 * 1024)]), name: 'big.pdf' },
        413,
        'document-too-large',
      ],
      [
        'an executable behind a .pdf name',
        { bytes: EXECUTABLE, name: 'passport.pdf', type: 'application/pdf' },
        415,
        'document-type-refused',
      ],
      [
        'a PNG behind a .pdf name',
        { bytes: TINY_PNG, name: 'passport.pdf', type: 'application/pdf' },
        422,
        'document-type-mismatch',
      ],
      [
        'a zip bomb',
        { bytes: zipBomb(), name: 'birth.pdf', type: 'application/pdf' },
        415,
        'document-type-refused',
      ],
      [
        'a PDF compression bomb',
        { bytes: pdfCompressionBomb(), name: 'scan.pdf' },
        422,
        'document-compression-bomb',
      ],
      [
        'a PDF with JavaScript',
        { bytes: pdfWithJavaScript(), name: 'form.pdf' },
        422,
        'document-active-content',
      ],
      [
        'a PDF with hidden JavaScript',
        { bytes: pdfWithHiddenJavaScript(), name: 'form.pdf' },
        422,
        'document-active-content',
      ],
    ];
    for (const [name, file, status, slug] of hostile) {
      const answer = await uploadDocument(api.baseUrl, token, caseId, 'proof_of_address', file);
      expect({ name, status: answer.status }).toEqual({ name, status });
      expect(answer.body.type).toMatch(new RegExp(`/${slug}$`));
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    }
    const unknownType = await uploadDocument(api.baseUrl, token, caseId, 'love_letter', {
      bytes: await pdfWith('x'),
      name: 'x.pdf',
    });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors).toEqual([expect.objectContaining({ field: 'documentType' })]);
    // A body that says multipart but is not (the parser stops mid-part): 400 naming the body, not a 500.
    for (const body of [
      '\u{4f5ff}',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
    ]) {
      const broken = await fetch(`${api.baseUrl}/cases/${caseId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x' },
        body,
      });
      expect({ body, status: broken.status }).toEqual({ body, status: 400 });
      expect(((await broken.json()) as { errors: unknown[] }).errors).toEqual([
        expect.objectContaining({ field: 'body' }),
      ]);
    }
    // A multipart body anywhere else is refused as before.
    const elsewhere = await fetch(`${api.baseUrl}/cases/${caseId}/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new FormData(),
    });
    expect(elsewhere.status).toBe(415);
    expect(await eventsOf()).toBe(before);
    expect(storedFiles()).toEqual(filesBefore);
  });
});

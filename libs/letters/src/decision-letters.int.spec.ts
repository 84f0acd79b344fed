import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileDocumentStorage, sha256Hex } from '@psp/documents';
import { DocumentFiled, PspCaseEvent, foldCase, pspEvent } from '@psp/psp-case';
import { PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import { CommandRefusedError } from '@psp/workflow';
import { pdfText } from '@psp/letters/testing';
import { requestOpened } from '../../../state-machines/psp-case/src/testing/fixtures';
import { DecisionLetters } from './decision-letters';

const CASE_ID = '00000000-0000-4000-8000-0000000000e1';
const PERSON_REF = 'person-letters-1';

describe('decision letters filed with their decisions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-letters-'));
  const vault = new PersonalDataVault(new SqliteVaultStorage(join(dir, 'vault.sqlite')), randomBytes(32));
  const storage = new LocalFileDocumentStorage(join(dir, 'documents'));
  const letters = new DecisionLetters(vault, storage);
  const state = foldCase([requestOpened({ personRef: PERSON_REF, departement: '69' })]);
  const attach = (event: PspCaseEvent, commandId: string) =>
    letters.attach({
      caseId: CASE_ID,
      state,
      next: state,
      event,
      actor: { role: 'prefecture', subject: 'agent-1', departement: '69' } as never,
      commandId,
      occurredAt: new Date('2024-05-02T10:00:00.000Z'),
    });

  beforeAll(async () => {
    await vault.put(PERSON_REF, { givenName: 'Prenom', familyName: 'Lettrefictive' });
  });
  afterAll(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PSP-15 / CRPA L.211-2: an AFIS refusal letter states the reasons sealed in the event, and its hash goes into the decision', async () => {
    const sealed = await vault.sealText(PERSON_REF, 'resources above the threshold');
    const attached = await attach(
      pspEvent('AfisRefused', { decisionDate: '2024-05-02', reasons: [sealed] }),
      'afis-refusal-1',
    );
    const [filed] = attached!.before as DocumentFiled[];
    const data = attached!.event.data as { letter: { documentId: string; sha256: string; template: string } };
    expect(filed).toMatchObject({ type: 'DocumentFiled', data: { documentType: 'decision_letter' } });
    expect(data.letter).toMatchObject({ template: 'afis_refused', documentId: filed.data.documentId });
    expect(data.letter.sha256).toBe(filed.data.sha256);
    const bytes = (await vault.openBytes(
      PERSON_REF,
      filed.data.documentId,
      (await storage.get(CASE_ID, filed.data.documentId))!,
    ))!;
    expect(sha256Hex(bytes)).toBe(filed.data.sha256);
    const text = pdfText(bytes);
    expect(text).toContain('resources above the threshold');
    expect(text).toContain('Prenom Lettrefictive');
    expect(text).toContain('deux mois');
  });

  it('PSP-15: an APS refusal states the reason in the law’s words; a decision whose letter cannot state its reasons is refused', async () => {
    const aps = await attach(
      pspEvent('ApsRefused', {
        decisionDate: '2024-05-02',
        reason: 'public_order',
        oqtfIssued: false,
        reasons: [],
      }),
      'aps-refusal-1',
    );
    const [filed] = aps!.before as DocumentFiled[];
    const bytes = (await vault.openBytes(
      PERSON_REF,
      filed.data.documentId,
      (await storage.get(CASE_ID, filed.data.documentId))!,
    ))!;
    expect(pdfText(bytes)).toContain("menace pour l'ordre public (article L.412-5 du CESEDA)");
    await expect(
      attach(pspEvent('AfisRefused', { decisionDate: '2024-05-02', reasons: [] }), 'afis-refusal-2'),
    ).rejects.toBeInstanceOf(CommandRefusedError);
    // A decision with no letter (a follow-up) brings nothing.
    expect(
      await attach(pspEvent('ObservationsReceived', { receivedOn: '2024-05-02' }), 'observations-1'),
    ).toBeUndefined();
  });
});

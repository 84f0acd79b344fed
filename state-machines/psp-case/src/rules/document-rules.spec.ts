import { DEFAULT_PSP_PARAMETERS } from '../parameters';
import { DocumentOnFile } from '../machine/context';
import { apsChecklistComplete, cerRequired } from './aps-rules';
import {
  afisDocumentIds,
  afisPapersOnFile,
  apsChecklistFromDocuments,
  apsDocumentIds,
  apsRenewalChecklistFromDocuments,
  instructionChecklistFromDocuments,
  instructionPapersOnFile,
} from './document-rules';

const on = (documentType: DocumentOnFile['documentType'], validUntil?: string): DocumentOnFile => ({
  documentId: `doc-${documentType}`,
  documentType,
  sha256: '0'.repeat(64),
  mediaType: 'application/pdf',
  sizeBytes: 1000,
  filedOn: '2024-03-01',
  authorRole: 'association',
  ...(validUntil ? { validUntil } : {}),
});

const CASE = { pspAuthorised: true, commissionOpinionOnFile: true };
const FULL = [
  on('birth_certificate'),
  on('nationality_document_with_photo', '2027-01-01'),
  on('proof_of_address'),
  on('photos'),
  on('stop_of_prostitution_evidence'),
  on('republican_commitment_contract'),
];

describe('the APS checklist is read from the documents on file (CESEDA annexe 10)', () => {
  it('D1–D10: the annexe 10 papers make the checklist complete; D4 may be declared not applicable', () => {
    const checklist = apsChecklistFromDocuments(FULL, '2024-09-10', {
      nonPolygamyStatement: 'not_applicable',
    });
    expect(apsChecklistComplete(checklist, CASE, '2024-09-10', DEFAULT_PSP_PARAMETERS)).toEqual([]);
    expect(checklist.visaFeeProof).toBe('due_on_delivery');
    expect(apsDocumentIds([...FULL, on('social_assessment')])).toHaveLength(FULL.length);
  });

  it('D1, D3, D4, D5, D8: each missing paper is named by its item', () => {
    const checklist = apsChecklistFromDocuments([on('nationality_document_with_photo')], '2024-09-10');
    const rules = apsChecklistComplete(checklist, CASE, '2024-09-10', DEFAULT_PSP_PARAMETERS).map(
      (v) => v.rule,
    );
    expect(rules).toEqual(expect.arrayContaining(['D1', 'D3', 'D4', 'D5', 'D8', 'APS-13']));
    expect(rules).not.toContain('D2');
  });

  it('D2: a nationality paper valid until the day before filing has expired and must be confirmed by another', () => {
    const expired = apsChecklistFromDocuments([on('passport', '2024-09-09')], '2024-09-10');
    expect(expired.nationalityDocuments).toEqual([{ kind: 'passport', hasPhoto: true, valid: false }]);
    const onTheDay = apsChecklistFromDocuments([on('passport', '2024-09-10')], '2024-09-10');
    expect(onTheDay.nationalityDocuments[0].valid).toBe(true);
    const confirmed = apsChecklistFromDocuments(
      [on('passport', '2024-09-09'), on('nationality_document')],
      '2024-09-10',
    );
    const rules = apsChecklistComplete(confirmed, CASE, '2024-09-10', DEFAULT_PSP_PARAMETERS).map(
      (v) => v.rule,
    );
    expect(rules).not.toContain('D2');
  });

  it('APS-13: the CER is required from its start date; the signed contract on file meets it', () => {
    const from = DEFAULT_PSP_PARAMETERS.cerRequiredFrom;
    expect(cerRequired(from, DEFAULT_PSP_PARAMETERS)).toBe(true);
    const without = apsChecklistFromDocuments(FULL.slice(0, -1), from, {
      nonPolygamyStatement: 'not_applicable',
    });
    expect(apsChecklistComplete(without, CASE, from, DEFAULT_PSP_PARAMETERS).map((v) => v.rule)).toEqual([
      'APS-13',
    ]);
  });
});

describe('the instruction, APS renewal and AFIS checklists are read from the documents on file', () => {
  it('PSP-04: without a signed_parcours_document on file the instruction is refused, naming the document type', () => {
    const result = instructionPapersOnFile([on('commitments')]);
    expect(result).toEqual([
      expect.objectContaining({ rule: 'PSP-04', missing: 'documents.signed_parcours_document' }),
    ]);
    expect(result[0].message).toContain('signed_parcours_document');
  });

  it('PSP-03: without a commitments document on file the instruction is refused, naming the document type', () => {
    const result = instructionPapersOnFile([on('signed_parcours_document'), on('social_assessment')]);
    expect(result).toEqual([expect.objectContaining({ rule: 'PSP-03', missing: 'documents.commitments' })]);
  });

  it('PSP-03, PSP-04: both papers on file make the instruction checklist, with their ids', () => {
    const papers = [on('signed_parcours_document'), on('commitments'), on('photos')];
    expect(instructionPapersOnFile(papers)).toEqual([]);
    expect(instructionChecklistFromDocuments(papers)).toEqual({
      parcoursDocumentSigned: true,
      commitmentsListed: true,
      documentIds: ['doc-signed_parcours_document', 'doc-commitments'],
    });
    expect(instructionChecklistFromDocuments([])).toEqual({
      parcoursDocumentSigned: false,
      commitmentsListed: false,
      documentIds: [],
    });
  });

  it('AFIS-04: the AFIS instruction needs an afis_resources statement on file', () => {
    const result = afisPapersOnFile([on('commitments')]);
    expect(result).toEqual([
      expect.objectContaining({ rule: 'AFIS-04', missing: 'documents.afis_resources' }),
    ]);
    expect(result[0].message).toContain('afis_resources');
    expect(afisPapersOnFile([on('afis_resources')])).toEqual([]);
    expect(afisDocumentIds([on('afis_resources'), on('photos')])).toEqual(['doc-afis_resources']);
  });

  it('APS-13: the APS renewal reads the signed CER from the documents on file', () => {
    expect(apsRenewalChecklistFromDocuments([on('republican_commitment_contract')])).toEqual({
      cerSigned: true,
      documentIds: ['doc-republican_commitment_contract'],
    });
    expect(apsRenewalChecklistFromDocuments([on('photos')])).toEqual({ cerSigned: false, documentIds: [] });
  });
});

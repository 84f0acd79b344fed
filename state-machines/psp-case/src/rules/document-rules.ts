import { CalendarDate, RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { ApsChecklist, DocumentType, NationalityDocument } from '../events';
import { DocumentOnFile, PspCaseContext } from '../machine/context';

/** What the person declares about annexe 10 items that are not papers (D4 when not married, D6 on delivery). */
export interface ApsDeclarations {
  /** D4: the statement is not applicable (the person is not married). */
  readonly nonPolygamyStatement?: 'not_applicable';
  /** D6 (APS-11): the fee is paid on delivery, or waived; a receipt on file reads as `provided`. */
  readonly visaFeeProof?: 'due_on_delivery' | 'waived';
}

const D2_KINDS: Partial<Record<DocumentType, NationalityDocument['kind']>> = {
  passport: 'passport',
  nationality_document_with_photo: 'identity_card',
  nationality_document: 'nationality_certificate',
};

/**
 * CESEDA annexe 10 line 45: the APS checklist read from the documents on file on the filing date
 * (D1–D10; D7 and D9 come from the case). A D2 document is valid when it has no end of validity
 * or one not before the filing date. The client sends no booleans: an item is there when its
 * document is (docs/documents.md).
 */
export function apsChecklistFromDocuments(
  documents: readonly DocumentOnFile[],
  filedOn: CalendarDate,
  declarations: ApsDeclarations = {},
): ApsChecklist {
  const has = (type: DocumentType) => documents.some((d) => d.documentType === type);
  return {
    civilStatus: has('birth_certificate')
      ? 'birth_certificate'
      : has('residence_card')
        ? 'holds_residence_card'
        : 'missing',
    nationalityDocuments: documents.flatMap((d): NationalityDocument[] => {
      const kind = D2_KINDS[d.documentType];
      if (!kind) return [];
      return [
        {
          kind,
          hasPhoto: d.documentType !== 'nationality_document',
          valid: d.validUntil === undefined || d.validUntil >= filedOn,
        },
      ];
    }),
    proofOfAddress: has('proof_of_address'),
    nonPolygamyStatement: has('non_polygamy_statement')
      ? 'provided'
      : (declarations.nonPolygamyStatement ?? 'missing'),
    photos: has('photos'),
    visaFeeProof: has('visa_fee_receipt') ? 'provided' : (declarations.visaFeeProof ?? 'due_on_delivery'),
    stopOfProstitutionDocuments: has('stop_of_prostitution_evidence'),
    cerSigned: has('republican_commitment_contract'),
  };
}

/** The ids of the documents that support the annexe 10 items. */
export function apsDocumentIds(documents: readonly DocumentOnFile[]): string[] {
  return documents
    .filter((d) => d.documentType !== 'decision_letter' && APS_TYPES.has(d.documentType))
    .map((d) => d.documentId);
}

const APS_TYPES = new Set<DocumentType>([
  'birth_certificate',
  'residence_card',
  'passport',
  'nationality_document_with_photo',
  'nationality_document',
  'proof_of_address',
  'non_polygamy_statement',
  'photos',
  'visa_fee_receipt',
  'stop_of_prostitution_evidence',
  'republican_commitment_contract',
]);

const idsOf = (documents: readonly DocumentOnFile[], types: readonly DocumentType[]): string[] =>
  documents.filter((d) => types.includes(d.documentType)).map((d) => d.documentId);

/**
 * T2 / PSP-03 / PSP-04: the instruction checklist read from the documents on file: the parcours
 * document signed by the association and the person (`signed_parcours_document`, R.121-12-12) and
 * the person's commitments (`commitments`, R.121-12-9). The client sends no booleans.
 */
export function instructionChecklistFromDocuments(documents: readonly DocumentOnFile[]): {
  readonly parcoursDocumentSigned: boolean;
  readonly commitmentsListed: boolean;
  readonly documentIds: string[];
} {
  return {
    parcoursDocumentSigned: documents.some((d) => d.documentType === 'signed_parcours_document'),
    commitmentsListed: documents.some((d) => d.documentType === 'commitments'),
    documentIds: idsOf(documents, ['signed_parcours_document', 'commitments']),
  };
}

/** PSP-03 / PSP-04: the papers the instruction needs, each missing one named by its document type. */
export function instructionPapersOnFile(documents: readonly DocumentOnFile[]): RuleResult {
  const { parcoursDocumentSigned, commitmentsListed } = instructionChecklistFromDocuments(documents);
  return allOf(
    parcoursDocumentSigned
      ? satisfied
      : violation(
          'PSP-04',
          'no parcours document signed by the association and the person is on file: upload a document of type signed_parcours_document first',
          'documents.signed_parcours_document',
        ),
    commitmentsListed
      ? satisfied
      : violation(
          'PSP-03',
          "the person's commitments are not on file: upload a document of type commitments first",
          'documents.commitments',
        ),
  );
}

/** APS-13: the APS renewal reads the signed contrat d'engagement républicain from the documents on file. */
export function apsRenewalChecklistFromDocuments(documents: readonly DocumentOnFile[]): {
  readonly cerSigned: boolean;
  readonly documentIds: string[];
} {
  const documentIds = idsOf(documents, ['republican_commitment_contract']);
  return { cerSigned: documentIds.length > 0, documentIds };
}

/** AFIS-04: the household's resources of the month before the request are proved by a statement on file. */
export function afisPapersOnFile(documents: readonly DocumentOnFile[]): RuleResult {
  return afisDocumentIds(documents).length > 0
    ? satisfied
    : violation(
        'AFIS-04',
        "no statement of the household's resources is on file: upload a document of type afis_resources before the AFIS instruction is completed",
        'documents.afis_resources',
      );
}

/** The ids of the AFIS papers (the resources statements). */
export function afisDocumentIds(documents: readonly DocumentOnFile[]): string[] {
  return idsOf(documents, ['afis_resources']);
}

/**
 * The papers a command needs on file before it may be issued, by the event it records (PSP-03,
 * PSP-04, AFIS-04): what the handler refuses with, and what the case's `commands` list shows, so a
 * client never offers a form the papers on file would refuse.
 */
export function papersNeededFor(eventType: string, documents: readonly DocumentOnFile[]): RuleResult {
  if (eventType === 'InstructionCompleted') return instructionPapersOnFile(documents);
  if (eventType === 'AfisInstructionCompleted') return afisPapersOnFile(documents);
  return satisfied;
}

/** A document is filed on an opened case, once per id (ACL-05: its type decides who reads it). */
export function documentMayBeFiled(
  context: PspCaseContext,
  data: { readonly documentId: string },
): RuleResult {
  if (context.openedOn === undefined) return violation('T1', 'documents are filed on an opened case');
  return (context.documents ?? []).some((d) => d.documentId === data.documentId)
    ? violation('ACL-05', 'this document is already on file', 'documentId')
    : satisfied;
}

import { CalendarDate, RuleResult, satisfied, violation } from '@psp/legal-kernel';
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

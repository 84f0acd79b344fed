import { DOCUMENT_TYPES, DocumentType } from '@psp/psp-case';
import { Role } from '@psp/security';

/*
 * Need to know per document type (ACL-05; docs/documents.md). The owners of the file (the
 * instructing association, the préfecture, the scheduler) read every paper; the foreigners'
 * department reads the annexe 10 items and the préfet's decisions (D7), never the social
 * assessment; the AFIS payer reads identity, residence and resources papers and the decisions
 * (D.121-12-17); the commission's secretariat reads the parcours document and the commitments it
 * examines. Auditors and analysts read no content: the events give them type, hash, date, author.
 */
const OWNERS: readonly Role[] = ['association', 'prefecture', 'system'];

const ANNEXE_10: readonly Role[] = [...OWNERS, 'foreigners_department'];
const IDENTITY: readonly Role[] = [...ANNEXE_10, 'afis_payer'];

export interface DocumentTypeAccess {
  /** Who may read the content. */
  readonly readers: readonly Role[];
  /** Who may upload it (decision letters are generated, never uploaded). */
  readonly uploaders: readonly Role[];
}

const COUNTER: readonly Role[] = ['association', 'foreigners_department'];

export const DOCUMENT_ACCESS: { readonly [K in DocumentType]: DocumentTypeAccess } = {
  birth_certificate: { readers: IDENTITY, uploaders: COUNTER },
  residence_card: { readers: IDENTITY, uploaders: COUNTER },
  passport: { readers: IDENTITY, uploaders: COUNTER },
  nationality_document_with_photo: { readers: IDENTITY, uploaders: COUNTER },
  nationality_document: { readers: IDENTITY, uploaders: COUNTER },
  proof_of_address: { readers: ANNEXE_10, uploaders: COUNTER },
  non_polygamy_statement: { readers: ANNEXE_10, uploaders: COUNTER },
  photos: { readers: ANNEXE_10, uploaders: COUNTER },
  visa_fee_receipt: { readers: ANNEXE_10, uploaders: COUNTER },
  stop_of_prostitution_evidence: { readers: ANNEXE_10, uploaders: COUNTER },
  republican_commitment_contract: { readers: ANNEXE_10, uploaders: COUNTER },
  signed_parcours_document: {
    readers: [...OWNERS, 'commission_secretariat'],
    uploaders: ['association'],
  },
  commitments: { readers: [...OWNERS, 'commission_secretariat'], uploaders: ['association'] },
  social_assessment: { readers: OWNERS, uploaders: ['association'] },
  afis_resources: { readers: [...OWNERS, 'afis_payer'], uploaders: ['association', 'afis_payer'] },
  decision_letter: { readers: [...IDENTITY], uploaders: [] },
};

export function mayReadDocument(role: Role, type: DocumentType): boolean {
  return DOCUMENT_ACCESS[type].readers.includes(role);
}

export function mayUploadDocument(role: Role, type: DocumentType): boolean {
  return DOCUMENT_ACCESS[type].uploaders.includes(role);
}

/** The annexe 10 item a type proves, if any (D1–D10). */
export function apsItemOf(type: DocumentType): string | undefined {
  return (DOCUMENT_TYPES[type] as { readonly apsItem?: string }).apsItem;
}

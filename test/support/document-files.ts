import { pdfWith } from '@psp/documents/testing';

export * from '@psp/documents/testing';

/** Uploads one document over HTTP as multipart/form-data (fields first, then the file). */
export async function uploadDocument(
  baseUrl: string,
  token: string,
  caseId: string,
  documentType: string,
  file: { bytes: Buffer; name: string; type?: string },
  options: { validUntil?: string; idempotencyKey?: string } = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('documentType', documentType);
  if (options.validUntil) form.append('validUntil', options.validUntil);
  form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${baseUrl}/cases/${caseId}/documents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * PSP-03 / PSP-04: the instruction's papers (the signed parcours document and the commitments) as
 * fictional PDFs: `complete-instruction` reads them from the documents on file.
 */
export async function uploadInstructionPapers(
  baseUrl: string,
  token: string,
  caseId: string,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const type of ['signed_parcours_document', 'commitments']) {
    const answer = await uploadDocument(baseUrl, token, caseId, type, {
      bytes: await pdfWith(`Fictional ${type}`),
      name: `${type}.pdf`,
      type: 'application/pdf',
    });
    if (answer.status !== 201)
      throw new Error(`upload ${type} → ${answer.status}: ${JSON.stringify(answer.body)}`);
    ids[type] = answer.body.documentId;
  }
  return ids;
}

/** The annexe 10 papers of a foreign national (D1, D2, D3, D5, D8, D10), as fictional PDFs. */
export async function uploadAnnexe10(
  baseUrl: string,
  token: string,
  caseId: string,
  text: (type: string) => string = (type) => `Fictional ${type}`,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const items: [string, string | undefined][] = [
    ['birth_certificate', undefined],
    ['nationality_document_with_photo', '2027-01-01'],
    ['proof_of_address', undefined],
    ['photos', undefined],
    ['stop_of_prostitution_evidence', undefined],
    ['republican_commitment_contract', undefined],
  ];
  for (const [type, validUntil] of items) {
    const answer = await uploadDocument(
      baseUrl,
      token,
      caseId,
      type,
      { bytes: await pdfWith(text(type)), name: `${type}.pdf`, type: 'application/pdf' },
      { validUntil },
    );
    if (answer.status !== 201)
      throw new Error(`upload ${type} → ${answer.status}: ${JSON.stringify(answer.body)}`);
    ids[type] = answer.body.documentId;
  }
  return ids;
}

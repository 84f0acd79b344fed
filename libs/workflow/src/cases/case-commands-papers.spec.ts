import { pspEvent } from '@psp/psp-case';
import { Actor } from '@psp/security';
import {
  apsNotApplicable,
  replayAccepted,
  requestOpened,
} from '../../../../state-machines/psp-case/src/testing/fixtures';
import { commandsFor } from './case-query';

const ASSOCIATION: Actor = {
  subject: 'asso',
  role: 'association',
  departement: '69',
  associationId: 'asso-69',
};

const filed = (documentType: string, n: number) =>
  pspEvent('DocumentFiled', {
    documentId: `00000000-0000-4000-8000-00000000d00${n}`,
    documentType,
    sha256: '0'.repeat(64),
    mediaType: 'application/pdf',
    sizeBytes: 100,
    filedOn: '2024-01-10',
    author: { role: 'association', id: 'asso-69' },
  } as never);

const completeInstruction = (events: Parameters<typeof replayAccepted>[0]) =>
  commandsFor(ASSOCIATION, replayAccepted(events)).find((c) => c.command === 'complete-instruction')!;

/** The case's `commands` list says what the handler would answer: papers missing, not offered. */
describe('complete-instruction is offered only with its papers on file (PSP-03, PSP-04)', () => {
  const opened = [requestOpened(), apsNotApplicable()];

  it('PSP-04 / PSP-03: without papers it is refused, each missing paper named by its document type', () => {
    expect(completeInstruction(opened)).toEqual({
      command: 'complete-instruction',
      allowed: false,
      reasons: [
        expect.objectContaining({ rule: 'PSP-04', missing: 'documents.signed_parcours_document' }),
        expect.objectContaining({ rule: 'PSP-03', missing: 'documents.commitments' }),
      ],
    });
  });

  it('PSP-03: with the signed parcours document alone, the commitments are still named', () => {
    expect(completeInstruction([...opened, filed('signed_parcours_document', 1)]).reasons).toEqual([
      expect.objectContaining({ rule: 'PSP-03', missing: 'documents.commitments' }),
    ]);
  });

  it('both papers on file: offered, with no reason', () => {
    expect(
      completeInstruction([...opened, filed('signed_parcours_document', 1), filed('commitments', 2)]),
    ).toEqual({ command: 'complete-instruction', allowed: true, reasons: [] });
  });
});

import { DocumentGoneError, DocumentIntegrityError, DocumentRefusedError } from '@psp/documents';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';

const TITLES: Record<string, string> = {
  'document-too-large': 'The document is too large',
  'document-type-refused': 'This kind of file is not accepted',
  'document-type-mismatch': 'The file name and its content disagree',
  'document-active-content': 'The PDF carries active content',
  'document-compression-bomb': 'The file inflates beyond the limits',
  'document-encrypted': 'The PDF is encrypted',
  'invalid-request': 'Invalid request',
};

/** The documents' own errors as RFC 9457 problems (other errors go to the global filter). */
export function documentProblem(error: unknown): unknown {
  if (error instanceof DocumentRefusedError) {
    return new RequestProblem(
      problem(error.status, error.kind, TITLES[error.kind] ?? 'The document is refused', {
        detail: error.message,
        errors: [{ field: error.field, problems: [error.message] }],
      }),
    );
  }
  if (error instanceof DocumentGoneError) {
    return new RequestProblem(
      problem(410, `document-${error.reason}`, 'The document can no longer be read', {
        detail: error.message,
      }),
    );
  }
  if (error instanceof DocumentIntegrityError) {
    return new RequestProblem(
      problem(500, 'document-integrity', 'The stored document failed its integrity check', {
        detail: error.message,
      }),
    );
  }
  return error;
}

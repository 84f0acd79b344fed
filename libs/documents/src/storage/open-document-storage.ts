import { join } from 'node:path';
import { DocumentStorage } from './document-storage';
import { LocalFileDocumentStorage } from './local-file-document-storage';
import { PostgresDocumentStorage } from './postgres-document-storage';

/**
 * `DOCUMENT_STORE_URL`: `file:<folder>` (default `<DATA_DIR>/documents`) or `postgres://…?schema=…`
 * (docs/adr/0020).
 */
export async function openDocumentStorage(
  url: string | undefined,
  dataDir: string,
): Promise<DocumentStorage> {
  const target = url ?? `file:${join(dataDir, 'documents')}`;
  if (target.startsWith('file:')) return new LocalFileDocumentStorage(target.slice('file:'.length));
  if (/^postgres(ql)?:\/\//.test(target)) return PostgresDocumentStorage.open(target);
  throw new Error(`DOCUMENT_STORE_URL must be file:<folder> or postgres://…, not ${target.split(':')[0]}:`);
}

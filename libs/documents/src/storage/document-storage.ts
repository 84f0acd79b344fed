/**
 * Where the sealed bytes of documents live (ciphertext only: the storage never sees a clear byte
 * nor a key). One port, two adapters: local files (the default) and PostgreSQL (docs/adr/0020).
 */
export interface DocumentStorage {
  readonly kind: 'file' | 'postgres';
  /** Stores the sealed bytes of one document; the same id twice keeps the first bytes. */
  put(caseId: string, documentId: string, sealed: Buffer): Promise<void>;
  get(caseId: string, documentId: string): Promise<Buffer | undefined>;
  /** Deletes one document (a write the case refused); nothing when it is not there. */
  delete(caseId: string, documentId: string): Promise<void>;
  /** Deletes every document of a case (retention purge); returns how many were deleted. */
  deleteCase(caseId: string): Promise<number>;
  close(): Promise<void>;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Case and document ids are UUIDs: anything else never reaches a path or a query. */
export function assertStorageIds(caseId: string, documentId?: string): void {
  if (!ID.test(caseId) || (documentId !== undefined && !ID.test(documentId))) {
    throw new Error('document storage: ids must be UUIDs');
  }
}

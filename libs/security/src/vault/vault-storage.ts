/** Ciphertext at rest: the storage never sees a clear value or an unwrapped key. */
export interface SealedRecord {
  readonly wrappedKey: Buffer;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

export interface VaultStorage {
  put(personRef: string, sealed: SealedRecord): Promise<void>;
  get(personRef: string): Promise<SealedRecord | undefined>;
  /** Deletes the key and the ciphertext, and remembers the erasure (date only). */
  erase(personRef: string, erasedAt: string): Promise<void>;
  isErased(personRef: string): Promise<boolean>;
  close(): Promise<void>;
}

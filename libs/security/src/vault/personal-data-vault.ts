import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { blindIndex, deriveIndexKey } from './identity-index';
import { PersonRecord, REDACTED, VaultRead } from './person-record';
import { PendingPersonMatch, PersonCaseLink, SealedRecord, VaultStorage } from './vault-storage';

const ALGORITHM = 'aes-256-gcm';
/** Prefix of a free text sealed with a person's key (`sealed:v1:<base64 iv|tag|ciphertext>`). */
export const SEALED_TEXT_PREFIX = 'sealed:v1:';

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

/**
 * Personal data with one key per person (envelope encryption): the record is sealed with the
 * person's data key, and the data key is sealed with the master key. Erasure deletes the data
 * key (crypto-shredding): the history still replays, the person can no longer be read.
 */
export class PersonalDataVault {
  private readonly indexKey: Buffer;

  /**
   * `indexKey`: the key of the identity blind index (PSP-07); by default derived from the master key
   * (HKDF), so it is kept exactly like it and never stored.
   */
  constructor(
    private readonly storage: VaultStorage,
    private readonly masterKey: Buffer,
    private readonly now: () => Date = () => new Date(),
    indexKey?: Buffer,
  ) {
    if (masterKey.length !== 32) throw new VaultError('the vault master key must be 32 bytes');
    if (indexKey !== undefined && indexKey.length !== 32)
      throw new VaultError('the identity index key must be 32 bytes');
    this.indexKey = indexKey ?? deriveIndexKey(masterKey);
  }

  /**
   * PSP-07: the keyed blind index of an identity (names, birth date, birth place, normalised), or
   * `undefined` when there is no birth date to match on. Never stored next to any clear value.
   */
  identityIndex(record: PersonRecord): string | undefined {
    return blindIndex(this.indexKey, record);
  }

  /** PSP-07: the pseudonymous person ids indexed under this blind index (probable matches). */
  async personsByIndex(index: string): Promise<readonly string[]> {
    return this.storage.personsByIndex(index);
  }

  /** PSP-07: a new person: its blind index (if any) and its first case. */
  async registerPerson(personId: string, link: PersonCaseLink, index: string | undefined): Promise<void> {
    if (index !== undefined) await this.storage.addIndexEntry(index, personId);
    await this.storage.linkCase(personId, link);
  }

  /** PSP-07: one more case of a person (a confirmed link). */
  async linkCase(personId: string, link: PersonCaseLink): Promise<void> {
    await this.storage.linkCase(personId, link);
  }

  async casesOfPerson(personId: string): Promise<readonly PersonCaseLink[]> {
    return this.storage.casesOfPerson(personId);
  }

  async personOfCase(caseId: string): Promise<string | undefined> {
    return this.storage.personOfCase(caseId);
  }

  async recordPendingMatch(match: PendingPersonMatch): Promise<void> {
    await this.storage.putPendingMatch(match);
  }

  async pendingMatch(caseId: string): Promise<PendingPersonMatch | undefined> {
    return this.storage.pendingMatch(caseId);
  }

  async resolvePendingMatch(caseId: string): Promise<void> {
    await this.storage.deletePendingMatch(caseId);
  }

  /**
   * Erasure of a person (ACL-06, ACL-07): the key of every case of the person is deleted
   * (crypto-shredding), and the blind index entries, case links and pending matches go with them,
   * so that nobody can find the person again from an identity. Returns the erased references.
   */
  async erasePerson(personId: string, alsoRefs: readonly string[] = []): Promise<readonly string[]> {
    const refs = [
      ...new Set([...(await this.storage.casesOfPerson(personId)).map((c) => c.personRef), ...alsoRefs]),
    ];
    for (const ref of refs) await this.erase(ref);
    await this.storage.forgetPerson(personId);
    return refs;
  }

  /** Retention of one case: its key is erased and the case leaves its person; the person's other cases stay. */
  async eraseCase(caseId: string, personRef: string): Promise<void> {
    const personId = await this.storage.personOfCase(caseId);
    await this.erase(personRef);
    await this.storage.unlinkCase(caseId);
    if (personId !== undefined && (await this.storage.casesOfPerson(personId)).length === 0)
      await this.storage.forgetPerson(personId);
  }

  async put(personRef: string, record: PersonRecord): Promise<void> {
    if (await this.storage.isErased(personRef)) throw new VaultError('this person was erased');
    const existing = await this.storage.get(personRef);
    const dataKey = existing ? this.unwrap(personRef, existing.wrappedKey) : randomBytes(32);
    const sealed = seal(dataKey, Buffer.from(JSON.stringify(record)), personRef);
    await this.storage.put(personRef, {
      wrappedKey: existing?.wrappedKey ?? this.wrap(personRef, dataKey),
      ...sealed,
    });
  }

  async read(personRef: string): Promise<VaultRead> {
    const sealed = await this.storage.get(personRef);
    if (!sealed) return { status: (await this.storage.isErased(personRef)) ? 'erased' : 'unknown' };
    const dataKey = this.unwrap(personRef, sealed.wrappedKey);
    const clear = open(dataKey, sealed, personRef);
    return { status: 'present', record: JSON.parse(clear.toString('utf8')) as PersonRecord };
  }

  /**
   * Seals a free text about the person (reasons, difficulties) with the person's own key, so that
   * an event may carry it and erasure makes it unreadable with the rest (crypto-shredding).
   */
  async sealText(personRef: string, text: string): Promise<string> {
    const sealed = await this.storage.get(personRef);
    if (!sealed) throw new VaultError('this person was erased or is unknown: no text can be sealed for them');
    const { iv, tag, ciphertext } = seal(
      this.unwrap(personRef, sealed.wrappedKey),
      Buffer.from(text),
      `text:${personRef}`,
    );
    return `${SEALED_TEXT_PREFIX}${Buffer.concat([iv, tag, ciphertext]).toString('base64')}`;
  }

  /** The clear text of `sealText`, `REDACTED` once the person is erased; any other text as it is. */
  async openText(personRef: string, text: string): Promise<string> {
    if (!text.startsWith(SEALED_TEXT_PREFIX)) return text;
    const sealed = await this.storage.get(personRef);
    if (!sealed) return REDACTED;
    const bytes = Buffer.from(text.slice(SEALED_TEXT_PREFIX.length), 'base64');
    const dataKey = this.unwrap(personRef, sealed.wrappedKey);
    const clear = open(
      dataKey,
      { iv: bytes.subarray(0, 12), tag: bytes.subarray(12, 28), ciphertext: bytes.subarray(28) },
      `text:${personRef}`,
    );
    return clear.toString('utf8');
  }

  /**
   * Seals a document's bytes with the person's own key (iv | tag | ciphertext), bound to `label`
   * (the document id): erasure makes every document of the person unreadable (crypto-shredding).
   */
  async sealBytes(personRef: string, label: string, clear: Buffer): Promise<Buffer> {
    const sealed = await this.storage.get(personRef);
    if (!sealed)
      throw new VaultError('this person was erased or is unknown: no document can be sealed for them');
    const { iv, tag, ciphertext } = seal(
      this.unwrap(personRef, sealed.wrappedKey),
      clear,
      `bytes:${personRef}:${label}`,
    );
    return Buffer.concat([iv, tag, ciphertext]);
  }

  /** The clear bytes of `sealBytes`; undefined once the person is erased (the key is gone). */
  async openBytes(personRef: string, label: string, bytes: Buffer): Promise<Buffer | undefined> {
    const sealed = await this.storage.get(personRef);
    if (!sealed) return undefined;
    return open(
      this.unwrap(personRef, sealed.wrappedKey),
      { iv: bytes.subarray(0, 12), tag: bytes.subarray(12, 28), ciphertext: bytes.subarray(28) },
      `bytes:${personRef}:${label}`,
    );
  }

  async erase(personRef: string): Promise<void> {
    await this.storage.erase(personRef, this.now().toISOString());
  }

  async close(): Promise<void> {
    await this.storage.close();
  }

  private wrap(personRef: string, dataKey: Buffer): Buffer {
    const { iv, ciphertext, tag } = seal(this.masterKey, dataKey, `key:${personRef}`);
    return Buffer.concat([iv, tag, ciphertext]);
  }

  private unwrap(personRef: string, wrapped: Buffer): Buffer {
    return open(
      this.masterKey,
      { iv: wrapped.subarray(0, 12), tag: wrapped.subarray(12, 28), ciphertext: wrapped.subarray(28) },
      `key:${personRef}`,
    );
  }
}

function seal(key: Buffer, clear: Buffer, aad: string): Omit<SealedRecord, 'wrappedKey'> {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(clear), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, sealed: Omit<SealedRecord, 'wrappedKey'>, aad: string): Buffer {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new VaultError('a vault record failed its integrity check (wrong master key or altered data)');
  }
}

/**
 * Opens every sealed free text found in a payload (strings, arrays, objects, at any depth) with
 * the person's key; after an erasure each reads as `REDACTED`. Apply it to what the role was
 * disclosed only (ACL-06).
 */
export async function openSealedTexts<T>(vault: PersonalDataVault, personRef: string, value: T): Promise<T> {
  if (typeof value === 'string')
    return (value.startsWith(SEALED_TEXT_PREFIX) ? await vault.openText(personRef, value) : value) as T;
  if (Array.isArray(value))
    return (await Promise.all(value.map((item) => openSealedTexts(vault, personRef, item)))) as T;
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await openSealedTexts(vault, personRef, item)]),
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}

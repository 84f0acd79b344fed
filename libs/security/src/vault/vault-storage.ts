/** Ciphertext at rest: the storage never sees a clear value or an unwrapped key. */
export interface SealedRecord {
  readonly wrappedKey: Buffer;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** A case of a person, as the vault links them (PSP-07): the case id and the case's vault reference. */
export interface PersonCaseLink {
  readonly caseId: string;
  readonly personRef: string;
}

/** A probable earlier parcours found at opening, waiting for the association's answer (PSP-07). */
export interface PendingPersonMatch {
  readonly caseId: string;
  readonly candidatePersonId: string;
  /** The new case's own blind index, indexed under its own person id if the match is denied. */
  readonly blindIndex: string;
}

/**
 * The person identity across cases (PSP-06, PSP-07), next to the records: the keyed blind index
 * (never an identity value), the cases of each pseudonymous person id, and the matches waiting for
 * an answer. Erasing a person removes all three (no re-identification afterwards).
 */
export interface PersonIndexStorage {
  addIndexEntry(blindIndex: string, personId: string): Promise<void>;
  personsByIndex(blindIndex: string): Promise<readonly string[]>;
  linkCase(personId: string, link: PersonCaseLink): Promise<void>;
  casesOfPerson(personId: string): Promise<readonly PersonCaseLink[]>;
  personOfCase(caseId: string): Promise<string | undefined>;
  putPendingMatch(match: PendingPersonMatch): Promise<void>;
  pendingMatch(caseId: string): Promise<PendingPersonMatch | undefined>;
  deletePendingMatch(caseId: string): Promise<void>;
  /** Removes the person's index entries, case links and pending matches (to or from the person). */
  forgetPerson(personId: string): Promise<void>;
  /** Removes one case from its person (retention purge of that case only). */
  unlinkCase(caseId: string): Promise<void>;
}

export interface VaultStorage extends PersonIndexStorage {
  put(personRef: string, sealed: SealedRecord): Promise<void>;
  get(personRef: string): Promise<SealedRecord | undefined>;
  /** Deletes the key and the ciphertext, and remembers the erasure (date only). */
  erase(personRef: string, erasedAt: string): Promise<void>;
  isErased(personRef: string): Promise<boolean>;
  close(): Promise<void>;
}

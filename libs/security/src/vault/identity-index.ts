import { createHmac, hkdfSync } from 'node:crypto';
import { PersonRecord } from './person-record';

/**
 * The keyed blind index of a person's identity (PSP-06, PSP-07: the cap follows the person across
 * cases, associations and départements). It lets `POST /cases` find an earlier parcours of the
 * same person without storing or searching any identity value in clear:
 *
 *   index = HMAC-SHA256(indexKey, JSON([givenName, familyName, birthDate, birthPlace] normalised))
 *
 * The key stays on the server (derived from the vault master key, or given apart): without it, the
 * stored value cannot be recomputed from a guessed identity (a plain digest could be, by trying
 * every name and birth date), so nobody can search the index without the key.
 */

/** Version of the normalisation and of the key derivation: a change needs a re-index. */
export const IDENTITY_INDEX_VERSION = 'v1';

/**
 * Names as they are compared: Unicode NFKD with the combining marks removed (diacritics folded:
 * `Hélène` = `Helene`), full case folding (`ß` = `ss`), any run of characters that are not letters
 * or digits (spaces, hyphens, apostrophes, dots) folded to one space, trimmed, then NFC.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** The identity fields the index covers, normalised; `undefined` when the birth date is missing. */
export function identityFields(record: PersonRecord): readonly string[] | undefined {
  const birthDate = record.birthDate?.trim();
  if (!birthDate) return undefined;
  return [
    normaliseName(record.givenName),
    normaliseName(record.familyName),
    birthDate,
    normaliseName(record.birthPlace ?? ''),
  ];
}

/** The index key derived from the vault master key (HKDF-SHA256): kept exactly like the master key. */
export function deriveIndexKey(masterKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), `psp person blind index ${IDENTITY_INDEX_VERSION}`, 32),
  );
}

/** The blind index of a person (hex), or `undefined` when the identity is too thin to match on. */
export function blindIndex(indexKey: Buffer, record: PersonRecord): string | undefined {
  const fields = identityFields(record);
  if (!fields) return undefined;
  return createHmac('sha256', indexKey)
    .update(`${IDENTITY_INDEX_VERSION}:${JSON.stringify(fields)}`)
    .digest('hex');
}

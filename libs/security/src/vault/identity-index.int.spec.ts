import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { identityFields, normaliseName } from './identity-index';
import { PersonalDataVault } from './personal-data-vault';
import { PostgresVaultStorage } from './postgres-vault-storage';
import { SqliteVaultStorage } from './sqlite-vault-storage';
import { VaultStorage } from './vault-storage';

const person = {
  givenName: 'Hélène',
  familyName: 'Indexperson',
  birthDate: '1998-02-14',
  birthPlace: 'Saint-Étienne',
};

describe('identity index normalisation (PSP-07)', () => {
  it('PSP-07: names are compared NFC, case-, diacritics- and space-folded', () => {
    expect(normaliseName('  HÉLÈNE ')).toBe('helene');
    expect(normaliseName('He\u0301le\u0300ne')).toBe('helene'); // decomposed accents (NFD input)
    expect(normaliseName('Marie-Claire  d’Arc')).toBe('marie claire d arc');
    expect(normaliseName('Strauß')).toBe(normaliseName('STRAUSS'));
    expect(identityFields({ givenName: 'A', familyName: 'B' })).toBeUndefined();
  });
});

const storages: [
  string,
  () => Promise<{ storage: VaultStorage; file?: string; cleanup: () => Promise<void> }>,
][] = [
  [
    'sqlite file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-index-'));
      const file = join(dir, 'vault.sqlite');
      return {
        storage: new SqliteVaultStorage(file),
        file,
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('index');
      return { storage: await PostgresVaultStorage.open(schema.url), cleanup: schema.drop };
    },
  ],
];

describe.each(storages)('identity index on %s', (_name, open) => {
  let vault: PersonalDataVault;
  let opened: Awaited<ReturnType<typeof open>>;
  const masterKey = randomBytes(32);

  beforeEach(async () => {
    opened = await open();
    vault = new PersonalDataVault(opened.storage, masterKey);
  });

  afterEach(async () => {
    await vault.close();
    await opened.cleanup();
  });

  it('PSP-07: the same person written differently is found under the same index', async () => {
    const index = vault.identityIndex(person)!;
    await vault.put('ref-1', person);
    await vault.registerPerson('person-1', { caseId: 'case-1', personRef: 'ref-1' }, index);
    const variant = {
      ...person,
      givenName: 'HELENE',
      familyName: ' indexperson ',
      birthPlace: 'saint etienne',
    };
    await expect(vault.personsByIndex(vault.identityIndex(variant)!)).resolves.toEqual(['person-1']);
    const other = { ...person, birthDate: '1998-02-15' };
    await expect(vault.personsByIndex(vault.identityIndex(other)!)).resolves.toEqual([]);
  });

  it('PSP-07: without the key the index reveals nothing: the stored value is not a plain digest of the fields', async () => {
    const index = vault.identityIndex(person)!;
    await vault.registerPerson('person-1', { caseId: 'case-1', personRef: 'ref-1' }, index);
    const fields = identityFields(person)!;
    const raw = [person.givenName, person.familyName, person.birthDate, person.birthPlace];
    const serialisations = [
      JSON.stringify(fields),
      `v1:${JSON.stringify(fields)}`,
      fields.join('|'),
      fields.join(''),
      fields.join(' '),
      raw.join('|'),
      raw.join(''),
      JSON.stringify(raw),
    ];
    const plainDigests = serialisations.flatMap((text) =>
      ['md5', 'sha1', 'sha256', 'sha512', 'sha3-256'].map((algorithm) =>
        createHash(algorithm).update(text).digest('hex'),
      ),
    );
    let stored: string[];
    if (opened.file) {
      await vault.close();
      const db = new Database(opened.file, { readonly: true });
      stored = db
        .prepare<[], { blind_index: string }>('SELECT blind_index FROM person_index')
        .all()
        .map((r) => r.blind_index);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all();
      for (const { name } of tables) {
        const dump = JSON.stringify(db.prepare(`SELECT * FROM ${name}`).all());
        for (const clear of [...raw, ...fields])
          expect(dump.toLowerCase()).not.toContain(clear.toLowerCase());
      }
      db.close();
      vault = new PersonalDataVault(new SqliteVaultStorage(opened.file), masterKey);
    } else {
      stored = [index];
    }
    expect(stored).toEqual([index]);
    for (const digest of plainDigests) expect(stored).not.toContain(digest);
    // Someone holding the database but another key computes another index and finds no one.
    const withoutTheKey = new PersonalDataVault(opened.storage, randomBytes(32));
    const guessed = withoutTheKey.identityIndex(person)!;
    expect(guessed).not.toBe(index);
    await expect(vault.personsByIndex(guessed)).resolves.toEqual([]);
  });

  it('ACL-07: erasing the person shreds every case key and removes the index entry and the links: the identity finds no one', async () => {
    const index = vault.identityIndex(person)!;
    await vault.put('ref-1', person);
    await vault.put('ref-2', person);
    await vault.registerPerson('person-1', { caseId: 'case-1', personRef: 'ref-1' }, index);
    await vault.linkCase('person-1', { caseId: 'case-2', personRef: 'ref-2' });
    await vault.recordPendingMatch({ caseId: 'case-3', candidatePersonId: 'person-1', blindIndex: index });
    await expect(vault.casesOfPerson('person-1')).resolves.toHaveLength(2);

    await expect(vault.erasePerson('person-1')).resolves.toEqual(['ref-1', 'ref-2']);

    await expect(vault.read('ref-1')).resolves.toEqual({ status: 'erased' });
    await expect(vault.read('ref-2')).resolves.toEqual({ status: 'erased' });
    await expect(vault.personsByIndex(index)).resolves.toEqual([]);
    await expect(vault.casesOfPerson('person-1')).resolves.toEqual([]);
    await expect(vault.personOfCase('case-1')).resolves.toBeUndefined();
    await expect(vault.pendingMatch('case-3')).resolves.toBeUndefined();
  });

  it('retention of one case leaves the person and her other cases; the last case takes the index entry with it', async () => {
    const index = vault.identityIndex(person)!;
    await vault.put('ref-1', person);
    await vault.put('ref-2', person);
    await vault.registerPerson('person-1', { caseId: 'case-1', personRef: 'ref-1' }, index);
    await vault.linkCase('person-1', { caseId: 'case-2', personRef: 'ref-2' });
    await vault.eraseCase('case-1', 'ref-1');
    await expect(vault.personsByIndex(index)).resolves.toEqual(['person-1']);
    await expect(vault.casesOfPerson('person-1')).resolves.toEqual([
      { caseId: 'case-2', personRef: 'ref-2' },
    ]);
    await vault.eraseCase('case-2', 'ref-2');
    await expect(vault.personsByIndex(index)).resolves.toEqual([]);
  });
});

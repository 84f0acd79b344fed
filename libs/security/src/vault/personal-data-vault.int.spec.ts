import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { REDACTED } from './person-record';
import { PersonalDataVault, VaultError } from './personal-data-vault';
import { PostgresVaultStorage } from './postgres-vault-storage';
import { SqliteVaultStorage } from './sqlite-vault-storage';
import { VaultStorage } from './vault-storage';

const person = {
  givenName: 'Amina',
  familyName: 'Testperson',
  birthDate: '1999-04-02',
  nationality: 'NG',
  contact: { phone: '+33 6 00 00 00 00' },
  documents: [{ kind: 'consular_card', number: 'CC-123456', validUntil: '2027-01-01' }],
};

const storages: [
  string,
  () => Promise<{ storage: VaultStorage; file?: string; cleanup: () => Promise<void> }>,
][] = [
  [
    'sqlite file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-vault-'));
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
      const schema = freshSchemaUrl('vault');
      return { storage: await PostgresVaultStorage.open(schema.url), cleanup: schema.drop };
    },
  ],
];

describe.each(storages)('personal-data vault on %s', (_name, open) => {
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

  it('stores a person encrypted with a key of their own and reads it back', async () => {
    await vault.put('person-1', person);
    await vault.put('person-2', { givenName: 'Other', familyName: 'Person' });
    await expect(vault.read('person-1')).resolves.toEqual({ status: 'present', record: person });
    if (opened.file) {
      await vault.close();
      const bytes =
        readFileSync(opened.file).toString('latin1') +
        readFileSync(`${opened.file}-wal`, { flag: 'a+' }).toString('latin1');
      for (const clear of ['Amina', 'Testperson', 'CC-123456', '1999-04-02'])
        expect(bytes).not.toContain(clear);
      vault = new PersonalDataVault(new SqliteVaultStorage(opened.file), masterKey);
    }
  });

  it('ACL-06 erasure deletes the key: the person can no longer be read, and cannot be written again', async () => {
    await vault.put('person-1', person);
    await vault.erase('person-1');
    await expect(vault.read('person-1')).resolves.toEqual({ status: 'erased' });
    await expect(vault.put('person-1', person)).rejects.toThrow('erased');
    await expect(vault.read('never-seen')).resolves.toEqual({ status: 'unknown' });
  });

  it("ACL-06 seals free texts with the person's key; after erasure they read as REDACTED", async () => {
    await vault.put('person-1', person);
    const sealed = await vault.sealText('person-1', 'Amina Testperson missed the appointment');
    expect(sealed).toMatch(/^sealed:v1:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('Amina');
    await expect(vault.openText('person-1', sealed)).resolves.toBe('Amina Testperson missed the appointment');
    await vault.put('person-2', { givenName: 'Other', familyName: 'Person' });
    await expect(vault.openText('person-2', sealed)).rejects.toThrow(VaultError);
    await expect(vault.openText('person-1', 'plain text')).resolves.toBe('plain text');
    await vault.erase('person-1');
    await expect(vault.openText('person-1', sealed)).resolves.toBe(REDACTED);
    await expect(vault.sealText('person-1', 'more')).rejects.toThrow(VaultError);
  });

  it('refuses to open a record with another master key', async () => {
    await vault.put('person-1', person);
    const other = new PersonalDataVault(opened.storage, randomBytes(32));
    await expect(other.read('person-1')).rejects.toThrow('integrity check');
  });
});

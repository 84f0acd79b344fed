import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import { DocumentStorage } from './document-storage';
import { openDocumentStorage } from './open-document-storage';

const storages: [string, () => Promise<{ storage: DocumentStorage; cleanup: () => Promise<void> }>][] = [
  [
    'local files (the default)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-documents-'));
      return {
        storage: await openDocumentStorage(undefined, dir),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('documents');
      return { storage: await openDocumentStorage(schema.url, tmpdir()), cleanup: schema.drop };
    },
  ],
];

describe.each(storages)('document storage on %s', (_name, open) => {
  let opened: Awaited<ReturnType<typeof open>>;
  const caseId = randomUUID();

  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened.storage.close();
    await opened.cleanup();
  });

  it('stores sealed bytes by case and document, keeps the first bytes of an id, and purges a whole case (R14)', async () => {
    const { storage } = opened;
    const [a, b] = [randomUUID(), randomUUID()];
    await storage.put(caseId, a, Buffer.from('sealed-a'));
    await storage.put(caseId, a, Buffer.from('other bytes'));
    await storage.put(caseId, b, Buffer.from('sealed-b'));
    expect((await storage.get(caseId, a))?.toString()).toBe('sealed-a');
    expect(await storage.get(caseId, randomUUID())).toBeUndefined();
    await storage.delete(caseId, b);
    expect(await storage.get(caseId, b)).toBeUndefined();
    expect(await storage.deleteCase(caseId)).toBe(1);
    expect(await storage.get(caseId, a)).toBeUndefined();
    expect(await storage.deleteCase(caseId)).toBe(0);
  });

  it('refuses ids that are not UUIDs (no path or query is built from them)', async () => {
    await expect(opened.storage.put('../etc', randomUUID(), Buffer.from('x'))).rejects.toThrow(/UUID/);
    await expect(opened.storage.get(caseId, '../../x')).rejects.toThrow(/UUID/);
  });
});

describe('ACL-06: documents are sealed with the person’s vault key', () => {
  it('a sealed document opens with the person’s key, and not once the person is erased (crypto-shredding)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-doc-vault-'));
    const vault = new PersonalDataVault(new SqliteVaultStorage(join(dir, 'vault.sqlite')), randomBytes(32));
    try {
      await vault.put('person-1', { givenName: 'A', familyName: 'B' });
      const clear = Buffer.from('%PDF-1.7 the birth certificate of a fictional person');
      const sealed = await vault.sealBytes('person-1', 'doc-1', clear);
      expect(sealed.includes(Buffer.from('birth certificate'))).toBe(false);
      expect(await vault.openBytes('person-1', 'doc-1', sealed)).toEqual(clear);
      // Bound to the document id: the bytes of one document cannot pass for another's.
      await expect(vault.openBytes('person-1', 'doc-2', sealed)).rejects.toThrow(/integrity/);
      await vault.erase('person-1');
      expect(await vault.openBytes('person-1', 'doc-1', sealed)).toBeUndefined();
      await expect(vault.sealBytes('person-1', 'doc-3', clear)).rejects.toThrow(/erased/);
    } finally {
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

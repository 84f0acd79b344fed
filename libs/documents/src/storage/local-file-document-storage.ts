import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { DocumentStorage, assertStorageIds } from './document-storage';

/**
 * Sealed documents as files: `<root>/<caseId>/<documentId>.sealed`. A document is written to a
 * temporary file, synced, then renamed into place, so a crash never leaves half a document.
 */
export class LocalFileDocumentStorage implements DocumentStorage {
  readonly kind = 'file' as const;

  constructor(private readonly root: string) {}

  async put(caseId: string, documentId: string, sealed: Buffer): Promise<void> {
    assertStorageIds(caseId, documentId);
    const dir = join(this.root, caseId);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const target = join(dir, `${documentId}.sealed`);
    if (await exists(target)) return;
    const temporary = join(dir, `.${documentId}.${randomUUID()}.tmp`);
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
    await syncDirectory(dir);
  }

  async get(caseId: string, documentId: string): Promise<Buffer | undefined> {
    assertStorageIds(caseId, documentId);
    try {
      return await fs.readFile(join(this.root, caseId, `${documentId}.sealed`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(caseId: string, documentId: string): Promise<void> {
    assertStorageIds(caseId, documentId);
    await fs.rm(join(this.root, caseId, `${documentId}.sealed`), { force: true });
  }

  async deleteCase(caseId: string): Promise<number> {
    assertStorageIds(caseId);
    const dir = join(this.root, caseId);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    await fs.rm(dir, { recursive: true, force: true });
    return names.filter((name) => name.endsWith('.sealed')).length;
  }

  async close(): Promise<void> {}
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

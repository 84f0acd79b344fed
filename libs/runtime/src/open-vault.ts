import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PersonalDataVault, PostgresVaultStorage, SqliteVaultStorage, VaultStorage } from '@psp/security';
import { AppConfig, ConfigError } from './app-config';

async function openStorage(url: string): Promise<VaultStorage> {
  if (url.startsWith('sqlite:')) return new SqliteVaultStorage(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:/.test(url)) return PostgresVaultStorage.open(url);
  throw new ConfigError('VAULT_URL must start with sqlite: or postgres://');
}

/** The master key: VAULT_MASTER_KEY in production; a local file created once in development. */
function masterKey(config: AppConfig): Buffer {
  if (config.vaultMasterKey) {
    const key = Buffer.from(config.vaultMasterKey, 'base64');
    if (key.length !== 32) throw new ConfigError('VAULT_MASTER_KEY must be 32 bytes in base64');
    return key;
  }
  if (config.environment === 'production')
    throw new ConfigError('VAULT_MASTER_KEY is required in production');
  const file = join(config.dataDir, 'dev-vault-master.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (the CLI, a second instance) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

export async function openVault(config: AppConfig): Promise<PersonalDataVault> {
  return new PersonalDataVault(await openStorage(config.vaultUrl), masterKey(config));
}

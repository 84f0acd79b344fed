import { PostgresReadModel, ReadModelDatabase, SqliteReadModel } from '@psp/projections';
import { AppConfig, ConfigError } from './app-config';

/** Read views beside the events: the same PostgreSQL database, or a SQLite file of their own. */
export async function openReadModel(config: AppConfig): Promise<ReadModelDatabase> {
  const url = config.readModelUrl;
  if (/^postgres(ql)?:/.test(url)) return PostgresReadModel.open(url);
  if (url.startsWith('sqlite:')) return new SqliteReadModel(url.slice('sqlite:'.length));
  throw new ConfigError('READ_MODEL_URL must start with sqlite: or postgres://');
}

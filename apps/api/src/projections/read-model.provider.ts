import { join } from 'node:path';
import { Provider } from '@nestjs/common';
import { PostgresReadModel, ReadModelDatabase, SqliteReadModel } from '@psp/projections';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const READ_MODEL = Symbol('READ_MODEL');

/** Read views beside the events: the same PostgreSQL database, or a SQLite file of their own. */
export const readModelProvider: Provider = {
  provide: READ_MODEL,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<ReadModelDatabase> => {
    const url = config.readModelUrl;
    if (/^postgres(ql)?:/.test(url)) return PostgresReadModel.open(url);
    if (url.startsWith('sqlite:')) return new SqliteReadModel(url.slice('sqlite:'.length));
    return new SqliteReadModel(join(config.dataDir, 'psp-read.sqlite'));
  },
};

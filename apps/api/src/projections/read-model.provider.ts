import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { openReadModel } from '../runtime/open-read-model';

export const READ_MODEL = Symbol('READ_MODEL');

export const readModelProvider: Provider = {
  provide: READ_MODEL,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => openReadModel(config),
};

import { Provider } from '@nestjs/common';
import { AppConfig, openReadModel } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

export const READ_MODEL = Symbol('READ_MODEL');

export const readModelProvider: Provider = {
  provide: READ_MODEL,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => openReadModel(config),
};

import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { PersonalDataVault } from '@psp/security';
import { AppConfig, openVault } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

export const VAULT = Symbol('VAULT');

export const vaultProvider: Provider = {
  provide: VAULT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => openVault(config),
};

@Injectable()
export class VaultLifecycle implements OnApplicationShutdown {
  constructor(@Inject(VAULT) private readonly vault: PersonalDataVault) {}

  async onApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}

import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { PersonalDataVault } from '@psp/security';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { openVault } from '../runtime/open-vault';

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

import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CaseDocuments, DocumentStorage, openDocumentStorage } from '@psp/documents';
import { EventStore } from '@psp/event-store';
import { AppConfig } from '@psp/runtime';
import { PersonalDataVault } from '@psp/security';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { CommandEndpoint } from '../infrastructure/command-endpoint';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { VAULT } from '../infrastructure/vault.provider';
import { CommissionPapersController } from './commission-papers.controller';
import { CASE_DOCUMENTS, DOCUMENT_STORAGE } from './document-tokens';
import { DocumentsController } from './documents.controller';

/**
 * The papers of a case: the storage (`DOCUMENT_STORE_URL`: local files by default, PostgreSQL),
 * the upload and download routes (docs/documents.md, docs/adr/0020).
 */
@Module({
  controllers: [DocumentsController, CommissionPapersController],
  providers: [
    CommandEndpoint,
    {
      provide: DOCUMENT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDocumentStorage(process.env.DOCUMENT_STORE_URL, config.dataDir),
    },
    {
      provide: CASE_DOCUMENTS,
      inject: [EVENT_STORE, VAULT, DOCUMENT_STORAGE, CLOCK],
      useFactory: (
        store: EventStore,
        vault: PersonalDataVault,
        storage: DocumentStorage,
        clock: () => Date,
      ) => new CaseDocuments(store, vault, storage, clock),
    },
  ],
  exports: [CASE_DOCUMENTS, DOCUMENT_STORAGE],
})
export class DocumentsModule implements OnApplicationShutdown {
  constructor(@Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

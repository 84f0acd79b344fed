import { Global, Module } from '@nestjs/common';
import { ReadModelDatabase } from '@psp/projections';
import { READ_MODEL } from '../projections/read-model.provider';
import { CasePayloads } from './case-payloads';
import { READ_AUDIT_STORE } from './read-audit';
import { ReadAuditController } from './read-audit.controller';
import { ReadAuditStore } from './read-audit-store';

/**
 * Need-to-know views and the read audit (ACL-05, ACL-06): `CasePayloads` builds every payload that
 * shows a case through the one disclosure filter; the read audit (`registerReadAudit`, a hook on
 * every answer) records every case read and export in the append-only `audit_case_reads` table;
 * `GET /audit/reads` lists them.
 */
@Global()
@Module({
  controllers: [ReadAuditController],
  providers: [
    CasePayloads,
    {
      provide: READ_AUDIT_STORE,
      inject: [READ_MODEL],
      useFactory: async (db: ReadModelDatabase) => {
        const store = new ReadAuditStore(db);
        await store.migrate();
        return store;
      },
    },
  ],
  exports: [CasePayloads, READ_AUDIT_STORE],
})
export class SecurityViewsModule {}

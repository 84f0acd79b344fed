import { Global, Module } from '@nestjs/common';
import { ReadModelDatabase } from '@psp/projections';
import { SharedRateLimits, TokenRevocations } from '@psp/runtime';
import { SHARED_RATE_LIMITS } from '../infrastructure/abuse-limits';
import { TOKEN_REVOCATIONS } from '../infrastructure/authentication';
import { READ_MODEL } from '../projections/read-model.provider';
import { RevocationsController } from './revocations.controller';

/**
 * Token revocation (R7): the table beside the read views, and the endpoint to add to it. On a
 * PostgreSQL read model, the rate-limit buckets too (R8), shared by every API instance.
 */
@Global()
@Module({
  controllers: [RevocationsController],
  providers: [
    {
      provide: TOKEN_REVOCATIONS,
      inject: [READ_MODEL],
      useFactory: async (db: ReadModelDatabase) => {
        const revocations = new TokenRevocations(db);
        await revocations.ensureSchema();
        return revocations;
      },
    },
    {
      provide: SHARED_RATE_LIMITS,
      inject: [READ_MODEL],
      useFactory: async (db: ReadModelDatabase) => {
        if (db.dialect !== 'postgres') return null;
        const limits = new SharedRateLimits(db);
        await limits.ensureSchema();
        return limits;
      },
    },
  ],
  exports: [TOKEN_REVOCATIONS, SHARED_RATE_LIMITS],
})
export class SecurityModule {}

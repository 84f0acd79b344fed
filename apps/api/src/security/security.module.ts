import { Global, Module } from '@nestjs/common';
import { ReadModelDatabase } from '@psp/projections';
import { TokenRevocations } from '@psp/runtime';
import { TOKEN_REVOCATIONS } from '../infrastructure/authentication';
import { READ_MODEL } from '../projections/read-model.provider';
import { RevocationsController } from './revocations.controller';

/** Token revocation (R7): the table beside the read views, and the endpoint to add to it. */
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
  ],
  exports: [TOKEN_REVOCATIONS],
})
export class SecurityModule {}

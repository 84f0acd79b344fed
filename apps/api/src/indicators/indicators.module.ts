import { Module } from '@nestjs/common';
import { minCellFromEnv } from '@psp/projections';
import { IndicatorsController } from './indicators.controller';
import { INDICATORS_MIN_CELL } from './indicators.tokens';

/** GET /indicators: the section 7.3 indicators over the protected tables (docs/indicators.md). */
@Module({
  controllers: [IndicatorsController],
  providers: [
    // An INDICATORS_MIN_CELL below 5 stops the API at start-up with a configuration error (ACL-06).
    { provide: INDICATORS_MIN_CELL, useFactory: () => minCellFromEnv(process.env) },
  ],
})
export class IndicatorsModule {}

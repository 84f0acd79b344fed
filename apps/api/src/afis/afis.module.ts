import { Module } from '@nestjs/common';
import { AfisPaymentsController } from './afis-payments.controller';

/** The AFIS's money: the monthly payment run and the payments view (D.121-12-15, D.121-12-16). */
@Module({ controllers: [AfisPaymentsController] })
export class AfisModule {}

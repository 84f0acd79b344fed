import { body } from '../../../../cases/commands/command-dto';
import { APPLICATION_EXAMPLE, ApplicationDto } from '../application.dto';

/** AGR-07: the renewal application (AgrementRenewalApplied), on the same conditions. */
export class ApplyRenewalDto extends ApplicationDto {}

export const applyRenewal = body(ApplyRenewalDto, {
  ...APPLICATION_EXAMPLE,
  applicationId: 'agr-69-2026-001',
  receivedOn: '2025-12-01',
});

import { body } from '../../../../cases/commands/command-dto';
import { APPLICATION_EXAMPLE, ApplicationDto } from '../application.dto';

/** AGR-01..AGR-03: the first application (AgrementApplied); also a new file after a refusal or an expiry. */
export class ApplyDto extends ApplicationDto {}

export const apply = body(ApplyDto, { ...APPLICATION_EXAMPLE, applicationId: 'agr-69-2023-001' });

import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalDataEraser } from '@psp/workflow';
import { CommandCall, CommandEndpoint } from '../infrastructure/command-endpoint';
import { notFound } from '../infrastructure/record-id';
import { PERSONAL_DATA_ERASER } from './privacy-tokens';
import { Answers } from '../openapi/answers.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The person's right to erasure (GDPR art. 17; ACL-06, ACL-07) by crypto-shredding: the
 * préfecture of the case (controller of the data) or the system deletes the person's key. The
 * case history stays and still replays; every place that showed the person shows `[erased]`.
 */
@ApiTags('privacy')
@ApiBearerAuth('bearer')
@Controller('cases')
export class ErasureController {
  constructor(
    @Inject(PERSONAL_DATA_ERASER) private readonly eraser: PersonalDataEraser,
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
  ) {}

  @Post(':caseId/erasure')
  @Answers('CommandAnswer', { status: 201, description: 'the person is erased (their key deleted)' })
  @HttpCode(201)
  @ApiOperation({
    summary:
      "ACL-07: erase the person of a closed case (crypto-shredding: the person's key is deleted; the history stays). Préfecture and system only; refused (409, ACL-07) while the case is open",
  })
  erase(@Param('caseId') caseId: string, @CommandCall() call: CommandCall) {
    if (!UUID.test(caseId)) throw notFound();
    return this.commands.create(call, {
      command: 'erase-person',
      run: (context) => this.eraser.erase({ caseId, basis: 'request' }, context),
      ids: () => ({ caseId }),
      location: () => `/cases/${caseId}`,
    });
  }
}

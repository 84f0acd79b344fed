import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@psp/security';
import { CurrentActor } from '../../infrastructure/authentication';
import { etag } from '../../infrastructure/command-headers';
import { RequestProblem } from '../../infrastructure/problem-details.filter';
import { problem } from '../../infrastructure/problem-details';
import { CaseDisclosures, Disclosures } from '../../security-views/case-disclosures';
import { CasePayloads } from '../../security-views/case-payloads';
import { Answers } from '../../openapi/answers.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class GetCaseController {
  constructor(@Inject(CasePayloads) private readonly payloads: CasePayloads) {}

  @Get(':caseId')
  @Answers('Case', {
    description: 'the case as your role may see it; its revision is the ETag to send back in If-Match',
  })
  @ApiOperation({
    summary:
      'One case as your role may see it (need to know, ACL-05; docs/security.md): status, stage, periods, rights used and left (this case, and `personParcours`: the person over all her cases, PSP-06/PSP-07), APS and AFIS, deadlines, the file, and the commands you may issue now (or why not). Every read is audited (ACL-06)',
  })
  async get(
    @Param('caseId') caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    if (!UUID.test(caseId)) throw new RequestProblem(problem(404, 'not-found', 'Not found'));
    const disclosed = await this.payloads.forActor(caseId, actor);
    disclosures.add({ caseId, departement: disclosed.departement, fields: disclosed.fields });
    reply.header('ETag', etag(disclosed.revision));
    return disclosed.value ?? {};
  }
}

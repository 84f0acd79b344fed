import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseCommandHandler, CaseCommandSpec, PossibleMatch, caseCommand } from '@psp/workflow';
import { CommandCall, CommandEndpoint, CommandRoute } from '../infrastructure/command-endpoint';
import { CASE_COMMAND_BODIES } from './commands';
import { OpenRequestDto } from './commands/open-request/open-request.dto';
import { CASE_COMMAND_HANDLER } from './case-tokens';
import { Answers } from '../openapi/answers.decorator';

const CASE_COMMAND_ROUTE: CommandRoute<CaseCommandSpec> = {
  idParameter: 'caseId',
  idPattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  command: caseCommand,
  bodies: CASE_COMMAND_BODIES,
};

/**
 * Every case command. `POST /cases` opens a request (T1); `POST /cases/{caseId}/{command}` runs
 * any other one, its body validated by the command's DTO. Headers: `Idempotency-Key` (retry safely),
 * `If-Match` (decide on this revision or get 412). The answer carries the new revision as ETag.
 */
@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CASE_COMMAND_HANDLER) private readonly handler: CaseCommandHandler,
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
  ) {}

  @Post()
  @Answers('CommandAnswer', {
    status: 201,
    description: 'the case is opened: its id, revision (also in ETag) and events; Location names it',
  })
  @HttpCode(201)
  @ApiOperation({
    summary:
      'T1: an approved association opens a PSP request with the person (identity goes to the vault). PSP-07: when the keyed identity index finds an earlier parcours of the same person, the answer carries `possibleMatch` (how many earlier cases, rights used: nothing else about them); answer it with confirm-person-link or deny-person-link before the préfet decides (docs/person-identity.md)',
  })
  async open(@Body() body: OpenRequestDto, @CommandCall() call: CommandCall) {
    let possibleMatch: PossibleMatch | undefined;
    const answer = await this.commands.create(call, {
      command: 'open-request',
      run: async (context) => {
        const outcome = await this.handler.open(body, context);
        possibleMatch = outcome.possibleMatch;
        return outcome;
      },
      ids: (outcome) => ({ caseId: outcome.caseId }),
      location: (outcome) => `/cases/${outcome.caseId}`,
    });
    return possibleMatch ? { ...answer, possibleMatch } : answer;
  }

  @Post(':caseId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (case-openapi.ts)
  execute(
    @Param('caseId') caseId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CommandCall() call: CommandCall,
  ) {
    return this.commands.execute(CASE_COMMAND_ROUTE, caseId, name, body, call, (...command) =>
      this.handler.execute(...command),
    );
  }
}

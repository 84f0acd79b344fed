import { Body, Controller, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { TokenRevocations } from '@psp/runtime';
import { Actor, Role } from '@psp/security';
import { Clock, ForbiddenCommandError } from '@psp/workflow';
import { CurrentActor, TOKEN_REVOCATIONS } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { problem } from '../infrastructure/problem-details';
import { Answers } from '../openapi/answers.decorator';
import { body } from '../cases/commands/command-dto';

/** Who may revoke tokens (docs/security.md, "Tokens and revocation"). */
export const REVOKING_ROLES: readonly Role[] = ['system', 'auditor'];

const TOKEN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export class RevokeDto {
  @ApiPropertyOptional({ description: 'the `jti` of one token to refuse from now on', example: '2f1c…' })
  @IsOptional()
  @IsString()
  @Matches(TOKEN_ID)
  tokenId?: string;

  @ApiPropertyOptional({
    description: 'a subject (`sub`) whose tokens issued up to now are refused from now on',
    example: 'agent-75-0042',
  })
  @IsOptional()
  @IsString()
  @Matches(TOKEN_ID)
  subject?: string;

  @ApiProperty({ description: 'why (kept with the revocation)', example: 'laptop reported stolen' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

// The example of the API document.
body(RevokeDto, { subject: 'agent-75-0042', reason: 'laptop reported stolen' });

/**
 * R7: revoking a token (by `jti`) or a subject (every token issued up to now) takes effect on the
 * next request of every API instance: the guard checks the table on each request.
 */
@ApiTags('security')
@ApiBearerAuth('bearer')
@Controller('security/revocations')
export class RevocationsController {
  private readonly logger = new Logger('security');

  constructor(
    @Inject(TOKEN_REVOCATIONS) private readonly revocations: TokenRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Answers('Revocation', { status: 201, description: 'the revocation as stored' })
  @HttpCode(201)
  @ApiOperation({
    summary:
      'R7: revoke one token (tokenId = jti) or every token of a subject issued up to now (roles system, auditor)',
  })
  async revoke(@Body() body: RevokeDto, @CurrentActor() actor: Actor) {
    if (!REVOKING_ROLES.includes(actor.role)) throw new ForbiddenCommandError(actor.role, REVOKING_ROLES);
    if ((body.tokenId === undefined) === (body.subject === undefined)) {
      throw new RequestProblem(
        problem(400, 'invalid-request', 'Invalid request', {
          detail: 'name exactly one of tokenId and subject',
          errors: [{ field: 'tokenId', problems: ['exactly one of tokenId and subject'] }],
        }),
      );
    }
    const now = this.clock();
    const record = await this.revocations.revoke(
      body.tokenId !== undefined
        ? { kind: 'token', tokenId: body.tokenId }
        : { kind: 'subject', subject: body.subject!, issuedUpTo: now },
      `${actor.role}:${actor.subject}`,
      body.reason,
      now,
    );
    this.logger.log({ msg: 'token revoked', kind: record.kind, by: record.revokedBy });
    return record;
  }
}

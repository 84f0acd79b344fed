import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Actor } from '@psp/security';
import { ForbiddenCommandError } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { READ_AUDIT_STORE } from './read-audit';
import { ReadAuditStore } from './read-audit-store';
import { Answers } from '../openapi/answers.decorator';

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

export class ReadAuditQueryDto {
  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** From this instant or day (UTC, inclusive): `2026-11-23` or `2026-11-23T10:00:00Z`. */
  @IsOptional()
  @Matches(INSTANT)
  from?: string;

  /** Before this instant or day (UTC, exclusive). */
  @IsOptional()
  @Matches(INSTANT)
  to?: string;

  /** The actor's opaque subject. */
  @IsOptional()
  @Matches(/^[\w.:@-]{1,200}$/)
  actor?: string;

  @IsOptional()
  @IsIn(['read', 'export'])
  kind?: 'read' | 'export';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** ACL-06: who read which case, when, through which route and which fields; for auditors only. */
@ApiTags('audit')
@ApiBearerAuth('bearer')
@Controller('audit')
export class ReadAuditController {
  constructor(@Inject(READ_AUDIT_STORE) private readonly store: ReadAuditStore) {}

  @Get('reads')
  @Answers('ReadAuditList')
  @ApiOperation({
    summary:
      'ACL-06: the read audit (every read of an individual case and every export), filtered by case, period, actor and kind; auditors only, within their département',
  })
  async reads(@Query() query: ReadAuditQueryDto, @CurrentActor() actor: Actor) {
    if (actor.role !== 'auditor') throw new ForbiddenCommandError(actor.role, ['auditor'], 'read');
    const limit = query.limit ?? 200;
    const offset = query.offset ?? 0;
    const items = await this.store.list({
      caseId: query.caseId,
      from: query.from,
      to: query.to,
      actorSubject: query.actor,
      kind: query.kind,
      departement: actor.departement,
      limit,
      offset,
    });
    return { items, limit, offset };
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDepartement } from '../registries/shared/registry-fields';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;

/** `GET /notifications/outbox`: one département's messages, by status. */
export class OutboxQuery {
  @ApiPropertyOptional({
    description:
      'INSEE département code: required for a national auditor; a scoped reader may only name its own',
  })
  @IsOptional()
  @IsDepartement()
  departement?: string;

  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    description: '`failed`: undeliverable, or pending after a failed attempt',
  })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: (typeof OUTBOX_STATUSES)[number];

  @ApiPropertyOptional({ description: 'At most this many messages, newest first (default 100, max 500)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

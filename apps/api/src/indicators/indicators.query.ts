import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SELECTABLE_TABLES } from '@psp/projections';
import { IsDepartement } from '../registries/shared/registry-fields';

/** The only choices an analyst has: a calendar year, tables from a fixed list, département rows (ACL-06). */
export class IndicatorsQuery {
  @ApiProperty({ description: 'Calendar year (the only period: no overlapping periods to difference)' })
  @Type(() => Number)
  @IsInt()
  @Min(2016)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    description: 'Comma-separated table ids (default: all)',
    enum: SELECTABLE_TABLES,
    isArray: true,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value))
  @ArrayMaxSize(SELECTABLE_TABLES.length)
  @IsIn(SELECTABLE_TABLES, { each: true })
  tables?: string[];

  @ApiPropertyOptional({ description: 'INSEE département code: keeps that row (and the national one)' })
  @IsOptional()
  @IsDepartement()
  departement?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

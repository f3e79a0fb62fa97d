import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AGENCY_TYPES, LOCALES, M49_REGIONS, REPORT_FORMATS } from '@ctlp/contracts';
import type { AgencyType, Locale, M49Region, ReportFormat } from '@ctlp/contracts';

export class MemberStateReportQueryDto {
  @ApiPropertyOptional({ description: 'Start of the period, included (UTC); default: the beginning', example: '2026-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period, excluded (UTC); default: now', example: '2027-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() courseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) topic?: string;
  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) @IsOptional() @IsIn(AGENCY_TYPES) agencyType?: AgencyType;
  @ApiPropertyOptional({ enum: M49_REGIONS, enumName: 'M49Region' }) @IsOptional() @IsIn(M49_REGIONS) region?: M49Region;

  @ApiPropertyOptional({ description: 'List every State, with zeros', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeZero?: boolean;

  @ApiPropertyOptional({ minimum: 2, maximum: 100, description: 'Counts from 1 to this minus one show as "<N"' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(100)
  suppressBelow?: number;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Language of the State names', default: 'en' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, enumName: 'ReportFormat', default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A count, or "<N" when small-count suppression hides it. */
export type Count = number | string;
const COUNT = { oneOf: [{ type: 'integer' }, { type: 'string', example: '<5' }] };

export class ReportCountsDto {
  @ApiProperty({ ...COUNT, description: 'Distinct officials with at least one completion in the period' }) officialsTrained: Count;
  @ApiProperty(COUNT) female: Count;
  @ApiProperty(COUNT) male: Count;
  @ApiProperty(COUNT) other: Count;
  @ApiProperty(COUNT) undisclosed: Count;
  @ApiProperty({ ...COUNT, description: 'Enrolments created in the period' }) enrolments: Count;
  @ApiProperty({ ...COUNT, description: 'Enrolments completed in the period' }) completions: Count;
  @ApiProperty({ ...COUNT, description: 'Certificates issued in the period' }) certificates: Count;
}

export class MemberStateReportRowDto extends ReportCountsDto {
  @ApiProperty({ example: 'KEN' }) memberState: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
}

export class MonthCountDto {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty(COUNT) completions: Count;
}

export class ReportFiltersDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiPropertyOptional({ format: 'uuid' }) courseId?: string;
  @ApiPropertyOptional() topic?: string;
  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) agencyType?: AgencyType;
  @ApiPropertyOptional({ enum: M49_REGIONS, enumName: 'M49Region' }) region?: M49Region;
  @ApiPropertyOptional({ description: 'Set for a focal point: their own State' }) memberState?: string;
  @ApiProperty() includeZero: boolean;
  @ApiProperty({ type: Number, nullable: true }) suppressBelow: number | null;
}

export class MemberStateReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [MemberStateReportRowDto] }) rows: MemberStateReportRowDto[];
  @ApiProperty({ type: ReportCountsDto }) totals: ReportCountsDto;
  @ApiProperty({ type: [MonthCountDto], description: 'Completions per month of the period (UTC)' }) months: MonthCountDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
}

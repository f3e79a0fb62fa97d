import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ACTIVITY_DELIVERIES, ACTIVITY_KINDS, ACTIVITY_STATUSES, LOCALES } from '@ctlp/contracts';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale, Topic } from '@ctlp/contracts';
import { TopicList } from '../../common/topics.js';
import { Trim, TrimUpper } from '../../common/transforms.js';
import { OffsetField } from '../../common/pagination.dto.js';
import { Omittable } from '../../common/optional.js';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const STATE_PATTERN = /^[A-Z]{3}$/;

/** Applies `change` to each string of an array, leaving anything else for the validators to refuse. */
const EachString = (change: (value: string) => string) =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? change(item) : item)) : value,
  );

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30): not_date, else invalid_format. */
export function IsDay(): PropertyDecorator {
  return (target, key) => {
    IsISO8601({ strict: true, strictSeparator: true })(target, key);
    Matches(DAY_PATTERN)(target, key);
  };
}

/**
 * An activity as its organiser describes it. The status is not part of it: it moves planned →
 * held → closed through `POST /api/activities/:id/hold` and `/close`, each audited on its own.
 */
export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(1, 200) title: string;

  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @IsString() @MaxLength(20000) description?: string;

  @ApiProperty({ enum: ACTIVITY_DELIVERIES, enumName: 'ActivityDelivery' })
  @IsIn(ACTIVITY_DELIVERIES)
  delivery: ActivityDelivery;

  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'First day (YYYY-MM-DD)' }) @IsDay() startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-03-03', description: 'Last day, not before startsOn; at most 366 days in all' })
  @IsDay()
  endsOn: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'ISO alpha-3 of the venue State; required unless delivery is online',
    example: 'KEN',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @TrimUpper()
  @IsString()
  @Matches(STATE_PATTERN)
  venueMemberState?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO alpha-3 codes of the States it serves; default none' })
  @Omittable()
  @EachString((code) => code.trim().toUpperCase())
  @IsArray()
  @ArrayMaxSize(195)
  @ArrayUnique()
  @Matches(STATE_PATTERN, { each: true })
  memberStates?: string[];

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', isArray: true, description: 'Default none' })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(LOCALES, { each: true })
  languages?: Locale[];

  @TopicList('Topics of the vocabulary (Topic); default none')
  topics?: Topic[];

  @ApiProperty({ minimum: 0, maximum: 99999.9, description: 'Training hours, one decimal' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(99999.9)
  hours: number;

  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: 'Share of the days (%) a participant attends to complete it; 0 means at least one day',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  requiredAttendance: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A course the caller can see' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  courseId?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100000,
    description: 'Places for role participant; null: no limit',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'Active trainers who co-organise it (replaces the list; only the organiser or an admin changes it)',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coOrganiserIds?: string[];
}

/** Any subset of the fields; a closed activity takes no change (409 activity_closed). */
export class UpdateActivityDto extends PartialType(CreateActivityDto, { skipNullProperties: false }) {}

export class ActivityQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Activities ending on or after this day' }) @Omittable() @IsDay() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Activities starting on or before this day' }) @Omittable() @IsDay() to?: string;

  @ApiPropertyOptional({ description: 'Held in or serving this State (ISO alpha-3)' })
  @Omittable()
  @TrimUpper()
  @IsString()
  @Matches(STATE_PATTERN)
  memberState?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) @Omittable() @IsIn(ACTIVITY_KINDS) kind?: ActivityKind;

  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES, enumName: 'ActivityStatus' })
  @Omittable()
  @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @ApiPropertyOptional({ description: 'Words of the title or city' }) @Omittable() @Trim() @IsString() @MaxLength(200) q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @OffsetField()
  offset: number = 0;
}

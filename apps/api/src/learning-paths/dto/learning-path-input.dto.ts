import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LOCALES } from '@ctlp/contracts';
import type { Locale } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';
import { OffsetField } from '../../common/pagination.dto.js';
import { Trim, TrimLower } from '../../common/transforms.js';
import { SLUG_PATTERN } from '../../courses/dto/course-input.dto.js';

export class CreateLearningPathDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ description: 'URL name; made from the title when absent', example: 'investigating-terrorist-financing' })
  @Omittable()
  @TrimLower()
  @IsString()
  @MaxLength(80)
  @Matches(SLUG_PATTERN)
  slug?: string;

  @ApiPropertyOptional({ maxLength: 500 }) @Omittable() @Trim() @IsString() @MaxLength(500) summary?: string;

  @ApiPropertyOptional({ maxLength: 50000, description: 'Markdown, sanitized as a course description is' })
  @Omittable()
  @IsString()
  @MaxLength(50000)
  description?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale' }) @Omittable() @IsIn(LOCALES) language?: Locale;

  @ApiPropertyOptional({ description: 'A certificate once every course is complete (default true)' })
  @Omittable()
  @IsBoolean()
  certificateEnabled?: boolean;
}

export class UpdateLearningPathDto extends PartialType(CreateLearningPathDto, { skipNullProperties: false }) {}

export class LearningPathCoursesInputDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Published courses, in the order to take them (replaces the list)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  courseIds: string[];
}

export class LearningPathQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale' }) @Omittable() @IsIn(LOCALES) language?: Locale;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @OffsetField()
  offset: number = 0;
}

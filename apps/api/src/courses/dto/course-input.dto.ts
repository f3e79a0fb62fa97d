import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AGENCY_TYPES, ENROLMENT_POLICIES, LOCALES, SETTABLE_TRANSLATION_STATUSES } from '@ctlp/contracts';
import type { AgencyType, EnrolmentPolicy, Locale, Topic, TranslationStatus } from '@ctlp/contracts';
import { TopicFilter, TopicList } from '../../common/topics.js';
import { Trim, TrimLower } from '../../common/transforms.js';
import { OffsetField } from '../../common/pagination.dto.js';
import { Omittable } from '../../common/optional.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class AudienceDto {
  @ApiProperty({ type: [String], description: 'ISO alpha-3 codes; empty for every Member State' })
  @IsArray()
  @ArrayMaxSize(195)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true })
  memberStates: string[];

  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType', isArray: true, description: 'Empty for every agency type' })
  @IsArray()
  @ArrayUnique()
  @IsIn(AGENCY_TYPES, { each: true })
  agencyTypes: AgencyType[];
}

export class CertificateSettingsDto {
  @ApiProperty() @IsBoolean() enabled: boolean;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 240, description: 'null: never expires' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(240)
  validityMonths: number | null;
}

export class CreateCourseDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ description: 'URL name; made from the title when absent', example: 'countering-terrorist-financing' })
  @Omittable()
  @TrimLower()
  @IsString()
  @MaxLength(80)
  @Matches(SLUG_PATTERN)
  slug?: string;

  @ApiPropertyOptional({ maxLength: 500 }) @Omittable() @Trim() @IsString() @MaxLength(500) summary?: string;

  @ApiPropertyOptional({ maxLength: 50000, description: 'Markdown' }) @Omittable() @IsString() @MaxLength(50000) description?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Language of the content' })
  @Omittable()
  @IsIn(LOCALES)
  language?: Locale;

  @TopicList('Topics of the vocabulary (Topic); default none')
  topics?: Topic[];

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @Omittable() @IsInt() @Min(0) @Max(10000) estimatedMinutes?: number;

  @ApiPropertyOptional({ enum: ENROLMENT_POLICIES, enumName: 'EnrolmentPolicy' })
  @Omittable()
  @IsIn(ENROLMENT_POLICIES)
  enrolmentPolicy?: EnrolmentPolicy;

  @ApiPropertyOptional({ type: AudienceDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;

  @ApiPropertyOptional({ type: CertificateSettingsDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => CertificateSettingsDto)
  certificate?: CertificateSettingsDto;

  @ApiPropertyOptional({
    description: 'Lessons in order: each opens once every required lesson before it is done (trainers are never held back)',
  })
  @Omittable()
  @IsBoolean()
  sequential?: boolean;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Published courses a learner must have completed before enrolling; not the course itself, no cycles',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  prerequisites?: string[];
}

export class UpdateCourseDto extends PartialType(CreateCourseDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    enum: SETTABLE_TRANSLATION_STATUSES,
    description: 'A language version that is not the original: where its translation stands (the original has none to set)',
  })
  @Omittable()
  @IsIn(SETTABLE_TRANSLATION_STATUSES)
  translationStatus?: Exclude<TranslationStatus, 'original'>;
}

export class CreateVersionDto {
  @ApiProperty({ enum: LOCALES, enumName: 'Locale', description: "The new version's language: one the family has no version in yet" })
  @IsIn(LOCALES)
  language: Locale;
}

export class ModuleInputDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;
}

export class UpdateModuleDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'New place among the course’s modules, from 0' })
  @Omittable()
  @IsInt()
  @Min(0)
  position?: number;
}

export class CourseQueryDto {
  @ApiPropertyOptional({ description: 'Full-text search' }) @Omittable() @Trim() @IsString() @MaxLength(200) q?: string;
  @TopicFilter('Courses with this topic') topic?: Topic;
  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Only versions in this language' })
  @Omittable()
  @IsIn(LOCALES)
  language?: Locale;

  @ApiPropertyOptional({
    enum: LOCALES,
    enumName: 'Locale',
    description:
      "Show each family in its version in this language when it has a published one; default: the signed-in user's locale, else Accept-Language, else en",
  })
  @Omittable()
  @IsIn(LOCALES)
  lang?: Locale;

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

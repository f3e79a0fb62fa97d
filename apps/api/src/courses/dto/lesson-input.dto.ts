import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LESSON_KINDS, QUESTION_TYPES } from '@ctlp/contracts';
import type { LessonKind, QuestionType } from '@ctlp/contracts';
import { Trim } from '../../common/transforms.js';
import { Omittable } from '../../common/optional.js';

export class QuizOptionInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep to preserve the option across edits' })
  @Omittable()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 500 }) @Trim() @IsString() @Length(1, 500) text: string;
  @ApiProperty() @IsBoolean() correct: boolean;
}

export class QuizQuestionInputDto {
  @ApiPropertyOptional({ format: 'uuid' }) @Omittable() @IsUUID() id?: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) @IsIn(QUESTION_TYPES) type: QuestionType;
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @Length(1, 2000) prompt: string;

  @ApiProperty({ type: [QuizOptionInputDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuizOptionInputDto)
  options: QuizOptionInputDto[];
}

export class QuizInputDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Score needed to pass, in %' })
  @IsInt()
  @Min(0)
  @Max(100)
  passMark: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 100, description: 'null: unlimited' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts: number | null;

  @ApiProperty({ type: [QuizQuestionInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionInputDto)
  questions: QuizQuestionInputDto[];
}

class LessonFieldsDto {
  @ApiPropertyOptional() @Omittable() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 }) @Omittable() @IsInt() @Min(0) @Max(1000) estimatedMinutes?: number;
  @ApiPropertyOptional({ maxLength: 100000, description: 'Markdown, for text lessons' })
  @Omittable()
  @IsString()
  @MaxLength(100000)
  body?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'https URL on an allowed video host' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  videoUrl?: string | null;
  @ApiPropertyOptional({ maxLength: 100000 }) @Omittable() @IsString() @MaxLength(100000) transcript?: string;

  @ApiPropertyOptional({ type: QuizInputDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => QuizInputDto)
  quiz?: QuizInputDto;
}

export class CreateLessonDto extends LessonFieldsDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;
  @ApiProperty({ enum: LESSON_KINDS, enumName: 'LessonKind' })
  @IsIn(LESSON_KINDS)
  kind: LessonKind;
}

export class UpdateLessonDto extends LessonFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Omittable() @Trim() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Move to another module of the same course' })
  @Omittable()
  @IsUUID()
  moduleId?: string;
  @ApiPropertyOptional({ minimum: 0, description: 'New place in its module, from 0' }) @Omittable() @IsInt() @Min(0) position?: number;

  @ApiPropertyOptional({
    enum: LESSON_KINDS,
    enumName: 'LessonKind',
    description:
      "A new kind, with the fields it needs (a video's videoUrl, a quiz's quiz). A quiz leaving the quiz kind loses its questions, " +
      'refused (quiz_has_attempts) once a learner has attempted it; a resource leaving its kind loses its file; text, video address ' +
      'and transcript are kept for a return to their kind.',
  })
  @Omittable()
  @IsIn(LESSON_KINDS)
  kind?: LessonKind;
}

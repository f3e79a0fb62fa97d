import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
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
import { LESSON_KINDS, QUESTION_TYPES, QUIZ_PURPOSES, VIDEO_RENDITIONS, VIDEO_SOURCES } from '@ctlp/contracts';
import type { LessonKind, QuestionType, QuizPurpose, VideoRendition, VideoSource } from '@ctlp/contracts';
import { Trim } from '../../common/transforms.js';
import { Omittable } from '../../common/optional.js';

export class QuizOptionInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep to preserve the option across edits' })
  @Omittable()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 500, description: 'Matching: the left-hand item' }) @Trim() @IsString() @Length(1, 500) text: string;

  @ApiPropertyOptional({ description: 'Choice types: whether this option is right (false when omitted); ignored on the other types' })
  @Omittable()
  @IsBoolean()
  correct?: boolean;

  @ApiPropertyOptional({ maxLength: 500, description: 'Matching only (required there): the right-hand text this item pairs with' })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 500)
  match?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Matching: keep to preserve the right-hand item across edits' })
  @Omittable()
  @IsUUID()
  matchId?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Shown to a learner who chose this option, once the quiz is revealed' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(1000)
  feedback?: string;
}

export class NumericAnswerInputDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) answer: number;
  @ApiProperty({ minimum: 0, description: 'Answers within answer ± tolerance are right' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  tolerance: number;
}

export class QuizQuestionInputDto {
  @ApiPropertyOptional({ format: 'uuid' }) @Omittable() @IsUUID() id?: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) @IsIn(QUESTION_TYPES) type: QuestionType;
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @Length(1, 2000) prompt: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 80,
    description: 'What the question tests; draws per topic and topics to revisit use it. null (the default): none',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @Length(1, 80)
  topic?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, description: 'General feedback, shown once the quiz is revealed' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(2000)
  explanation?: string;

  @ApiProperty({
    type: [QuizOptionInputDto],
    description: 'Choice types: 2–10 options; ordering: 2–10 in the right order; matching: 2–10 items, each with its match; numeric: none',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuizOptionInputDto)
  options: QuizOptionInputDto[];

  @ApiPropertyOptional({ type: NumericAnswerInputDto, description: 'Numeric only (required there)' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => NumericAnswerInputDto)
  numeric?: NumericAnswerInputDto;
}

export class QuizDrawByTopicDto {
  @ApiProperty({ maxLength: 80 }) @Trim() @IsString() @Length(1, 80) topic: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(200) count: number;
}

/** How a quiz's purpose is documented wherever it appears. */
export const QUIZ_PURPOSE_TEXT =
  'graded: an ordinary quiz. pre_test: what learners know before the course, one attempt (maxAttempts 1, passMark 0), ' +
  'completed whatever the score, answers never shown, not in the final score. post_test: a graded quiz whose first score, ' +
  'against the pre-test, is the knowledge gain. At most one of each per course.';

export class QuizInputDto {
  @ApiPropertyOptional({ enum: QUIZ_PURPOSES, enumName: 'QuizPurpose', description: `Absent: graded. ${QUIZ_PURPOSE_TEXT}` })
  @Omittable()
  @IsIn(QUIZ_PURPOSES)
  purpose?: QuizPurpose;

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

  @ApiProperty({
    type: [QuizQuestionInputDto],
    description: 'The pool: every attempt draws from it (all of it unless drawCount or drawByTopic say otherwise)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionInputDto)
  questions: QuizQuestionInputDto[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Questions drawn per attempt; null (the default): all' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(200)
  drawCount?: number | null;

  @ApiPropertyOptional({
    type: [QuizDrawByTopicDto],
    nullable: true,
    description: 'Questions drawn per topic; when set, it overrides drawCount. null (the default): not by topic',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuizDrawByTopicDto)
  drawByTopic?: QuizDrawByTopicDto[] | null;

  @ApiPropertyOptional({ description: 'Shuffle the order of questions and of options, per attempt (default false)' })
  @Omittable()
  @IsBoolean()
  shuffle?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 600,
    description: 'Enforced by the server; null (the default): untimed',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes?: number | null;
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
  @ApiPropertyOptional({ maxLength: 100000, description: 'What the video says; also its captions for those who cannot hear it' })
  @Omittable()
  @IsString()
  @MaxLength(100000)
  transcript?: string;
  @ApiPropertyOptional({
    enum: VIDEO_SOURCES,
    enumName: 'VideoSource',
    description:
      'Video lessons: link (the default) needs a videoUrl; upload lets the lesson wait without one for its files ' +
      '(POST /api/lessons/{id}/video). Not stored: a lesson with uploaded files needs no videoUrl either way.',
  })
  @Omittable()
  @IsIn(VIDEO_SOURCES)
  videoSource?: VideoSource;

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

export class QuestionBankQueryDto {
  @ApiPropertyOptional({ maxLength: 80, description: 'Questions with this topic' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(80)
  topic?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'Questions whose prompt holds this text (any case)' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class VideoRenditionQueryDto {
  @ApiProperty({ enum: VIDEO_RENDITIONS, enumName: 'VideoRendition', description: 'standard, low (low bitrate) or audio (sound only)' })
  @IsIn(VIDEO_RENDITIONS)
  rendition: VideoRendition;
}

export class VideoStreamQueryDto {
  @ApiPropertyOptional({ enum: VIDEO_RENDITIONS, enumName: 'VideoRendition', description: 'Default standard' })
  @Omittable()
  @IsIn(VIDEO_RENDITIONS)
  rendition?: VideoRendition;
}

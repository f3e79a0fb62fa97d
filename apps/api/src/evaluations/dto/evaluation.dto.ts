import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVALUATION_ITEM_KINDS } from '@ctlp/contracts';
import type { EvaluationItemKind } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';
import { Trim } from '../../common/transforms.js';

/** Responses needed before any figure or text of an evaluation is shown. */
export const EVALUATION_THRESHOLD = 5;

export class EvaluationItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EVALUATION_ITEM_KINDS, enumName: 'EvaluationItemKind' }) kind: EvaluationItemKind;
  @ApiProperty() prompt: string;
}

export class EvaluationLearnerDto {
  @ApiProperty({ description: 'The course is completed, or every required lesson done or attempted: the evaluation may be answered' })
  open: boolean;
  @ApiProperty({ description: 'This enrolment has answered (once only)' }) answered: boolean;
}

export class EvaluationDto {
  @ApiProperty({ type: [EvaluationItemDto] }) items: EvaluationItemDto[];
  @ApiProperty({ description: "True while the course's trainers have written none: the default items, in the course's language" })
  isDefault: boolean;
  @ApiPropertyOptional({ type: EvaluationLearnerDto, description: 'For an enrolled learner' }) learner?: EvaluationLearnerDto;
}

export class EvaluationItemInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep to keep an item (and its answers); omit for a new one' })
  @Omittable()
  @IsUUID()
  id?: string;
  @ApiProperty({ enum: EVALUATION_ITEM_KINDS, enumName: 'EvaluationItemKind' }) @IsIn(EVALUATION_ITEM_KINDS) kind: EvaluationItemKind;
  @ApiProperty({ maxLength: 500 }) @Trim() @IsString() @Length(1, 500) prompt: string;
}

export class EvaluationInputDto {
  @ApiProperty({ type: [EvaluationItemInputDto], description: 'The whole questionnaire, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EvaluationItemInputDto)
  items: EvaluationItemInputDto[];
}

export class EvaluationAnswerInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() itemId: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'For a statement: 1 (strongly disagree) to 5 (strongly agree)' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
  @ApiPropertyOptional({ maxLength: 2000, description: 'For a question' })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 2000)
  text?: string;
}

export class EvaluationResponseInputDto {
  @ApiProperty({ type: [EvaluationAnswerInputDto], description: 'Items left out are left unanswered' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EvaluationAnswerInputDto)
  answers: EvaluationAnswerInputDto[];
}

export class EvaluationItemResultDto extends EvaluationItemDto {
  @ApiPropertyOptional({ description: 'Responses that answered this item' }) count?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Mean rating, statements only' }) mean?: number | null;
  @ApiPropertyOptional({ type: [Number], description: 'Ratings 1 to 5: how many gave each, statements only' }) distribution?: number[];
  @ApiPropertyOptional({ type: [String], description: 'The answers, questions only, in alphabetical order (not the order given)' })
  texts?: string[];
}

export class EvaluationResultsDto {
  @ApiProperty({ example: EVALUATION_THRESHOLD, description: 'Responses needed before anything is shown' }) threshold: number;
  @ApiProperty({ description: 'False while fewer responses than the threshold: no figure, no text, not even the count' })
  shown: boolean;
  @ApiProperty({ type: Number, nullable: true }) responses: number | null;
  @ApiProperty({ type: [EvaluationItemResultDto], description: 'The items; their figures and texts only when shown' })
  items: EvaluationItemResultDto[];
}

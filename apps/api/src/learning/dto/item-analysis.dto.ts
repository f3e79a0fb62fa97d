import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES } from '@ctlp/contracts';
import type { QuestionType } from '@ctlp/contracts';

export const ITEM_FLAGS = ['all_correct', 'all_wrong', 'low_discrimination'] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export class ItemOptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Choice types: a right option; ordering and matching: always true' }) correct: boolean;
  @ApiProperty({
    description: 'Choice types: first attempts that chose it; ordering: that put it in its right place; matching: that paired it rightly',
  })
  chosen: number;
}

export class ItemAnalysisQuestionDto {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) type: QuestionType;
  @ApiProperty({ description: 'First attempts that drew it' }) drawn: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of those that got it right, 0–1; null when never drawn' })
  correctShare: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Point-biserial correlation (−1…1) of the item with the rest of the attempt; null under 5 draws or when it does not vary',
  })
  discrimination: number | null;
  @ApiProperty({ type: [ItemOptionDto] }) options: ItemOptionDto[];
  @ApiProperty({
    enum: ITEM_FLAGS,
    enumName: 'ItemFlag',
    nullable: true,
    description: 'From 5 draws: everyone right, everyone wrong, or discrimination under 0.2',
  })
  flag: ItemFlag | null;
}

/** A quiz's questions measured over each learner's first attempt, so repeated tries do not inflate it. */
export class ItemAnalysisDto {
  @ApiProperty({ description: 'First attempts counted (timed-out ones and those made before draws were recorded are left out)' })
  attempts: number;
  @ApiProperty({ type: [ItemAnalysisQuestionDto], description: 'The questions of the pool, as authored' })
  questions: ItemAnalysisQuestionDto[];
}

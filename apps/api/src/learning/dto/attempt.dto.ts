import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsNumber, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { Omittable } from '../../common/optional.js';
import { EnrolmentDto, EnrolmentResponseDto } from '../../enrolments/dto/enrolment.dto.js';
import { CertificateDto } from '../../certificates/dto/certificate.dto.js';

export class MatchPairDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() optionId: string;
  @ApiProperty({ format: 'uuid', description: "The id of one of the question's matchChoices" }) @IsUUID() matchId: string;
}

/** One answer; which field it uses depends on the question's type. */
export class AnswerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'single, multiple, true_false: the options chosen' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  optionIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "ordering: every option id, in the learner's order" })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  order?: string[];

  @ApiPropertyOptional({ type: [MatchPairDto], description: 'matching: each item paired with a match' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MatchPairDto)
  pairs?: MatchPairDto[];

  @ApiPropertyOptional({ description: 'numeric: the number given' })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;
}

export class AttemptDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export class QuestionResultDto {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() correct: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Choice types: the right options' })
  correctOptionIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'ordering: the option ids in the right order' })
  correctOrder?: string[];
  @ApiPropertyOptional({ type: [MatchPairDto], description: 'matching: the right pairs' })
  correctPairs?: MatchPairDto[];
  @ApiPropertyOptional({ description: 'numeric: the right answer' })
  correctValue?: number;
  @ApiPropertyOptional({ type: [String], description: 'The feedback of the options chosen (attempts only)' })
  chosenFeedback?: string[];
  @ApiPropertyOptional({ description: "The question's general feedback (attempts only)" })
  explanation?: string;
}

export class AttemptResultDto {
  @ApiProperty({ description: '0–100' }) score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) attemptsLeft: number | null;
  @ApiProperty({ description: 'How many questions this attempt got right' }) rightCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ description: 'Whether `results` is given: once the quiz is passed, or every attempt is used' }) revealed: boolean;
  @ApiProperty({ description: 'Submitted past the time limit (and its 30 s grace): recorded with a score of 0' }) timedOut: boolean;
  @ApiProperty({ type: [String], description: 'Topics of the questions this attempt got wrong, for every attempt' })
  topicsToRevisit: string[];
  @ApiPropertyOptional({
    type: [QuestionResultDto],
    description:
      'Right or wrong per question, with the right options: only once the quiz is passed or every attempt is used (an unlimited quiz: once passed). Before that, an attempt says how many were right, not which, so repeated attempts cannot map out the answers.',
  })
  results?: QuestionResultDto[];
  @ApiProperty({ type: EnrolmentDto }) enrolment: EnrolmentDto;
  @ApiPropertyOptional({ type: CertificateDto, description: 'Issued by this attempt, which completed the course' })
  certificate?: CertificateDto;
}

/** A trainer's try of their quiz: graded as an attempt would be, recorded nowhere. */
export class QuizPreviewResultDto {
  @ApiProperty({ type: [String], description: 'Topics of the questions got wrong' }) topicsToRevisit: string[];
  @ApiProperty({ description: '0–100' }) score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [QuestionResultDto] }) results: QuestionResultDto[];
}

export class CompletionResponseDto extends EnrolmentResponseDto {
  @ApiPropertyOptional({ type: CertificateDto, description: 'Issued by this request, which completed the course' })
  certificate?: CertificateDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { EnrolmentDto, EnrolmentResponseDto } from '../../enrolments/dto/enrolment.dto.js';
import { CertificateDto } from '../../certificates/dto/certificate.dto.js';

export class AnswerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  optionIds: string[];
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
  @ApiPropertyOptional({ type: [String], description: 'Right options: for a learner once the quiz is passed or the attempts are used up' })
  correctOptionIds?: string[];
}

export class AttemptResultDto {
  @ApiProperty({ description: '0–100' }) score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) attemptsLeft: number | null;
  @ApiProperty({ description: 'How many questions this attempt got right' }) rightCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ description: 'Whether `results` is given: once the quiz is passed, or every attempt is used' }) revealed: boolean;
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
  @ApiProperty({ description: '0–100' }) score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [QuestionResultDto] }) results: QuestionResultDto[];
}

export class CompletionResponseDto extends EnrolmentResponseDto {
  @ApiPropertyOptional({ type: CertificateDto, description: 'Issued by this request, which completed the course' })
  certificate?: CertificateDto;
}

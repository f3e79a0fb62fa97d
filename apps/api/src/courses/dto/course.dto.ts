import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COURSE_STATUSES, ENROLMENT_POLICIES, ENROLMENT_STATUSES, LESSON_KINDS, LOCALES, QUESTION_TYPES } from '@ctlp/contracts';
import type { CourseStatus, EnrolmentPolicy, EnrolmentStatus, LessonKind, Locale, QuestionType } from '@ctlp/contracts';
import { AudienceDto, CertificateSettingsDto } from './course-input.dto.js';

export class OutlineLessonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LESSON_KINDS, enumName: 'LessonKind' }) kind: LessonKind;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
  @ApiProperty() estimatedMinutes: number;
  @ApiPropertyOptional({ description: 'For an enrolled caller: done (a quiz: passed)' }) completed?: boolean;
}

export class OutlineModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: [OutlineLessonDto] }) lessons: OutlineLessonDto[];
}

export class MyEnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES, enumName: 'EnrolmentStatus' }) status: EnrolmentStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ minimum: 1, description: 'The current cycle: 1, then n + 1 for each recertification' }) cycle: number;
  @ApiProperty({ description: "This cycle's certificate has expired: enrolling again starts the next cycle" }) canRetake: boolean;
}

/**
 * A course's cover image: WebP, cut to 16:9. `url` and each `srcset` entry carry the cover's
 * version, so they change whenever the cover does and may be cached for good.
 */
export class CourseCoverDto {
  @ApiProperty({ description: 'The largest rendition', example: '/api/courses/…/cover/800.webp?v=3q2-7wYhXk1cZ0aB' }) url: string;
  @ApiProperty({
    description: 'Every rendition with its width, for <img srcset>',
    example: '/api/…/400.webp?v=… 400w, /api/…/800.webp?v=… 800w',
  })
  srcset: string;
  @ApiProperty({ description: 'Of the largest rendition, in pixels', example: 800 }) width: number;
  @ApiProperty({ description: 'Of the largest rendition, in pixels (16:9)', example: 450 }) height: number;
}

export class CourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) language: Locale;
  @ApiProperty({
    type: [String],
    description: 'Topics of the vocabulary (Topic); a row kept from before it may hold other slugs, returned as they are',
  })
  topics: string[];
  @ApiProperty() estimatedMinutes: number;
  @ApiProperty({ enum: ENROLMENT_POLICIES, enumName: 'EnrolmentPolicy' }) enrolmentPolicy: EnrolmentPolicy;
  @ApiProperty({ enum: COURSE_STATUSES, enumName: 'CourseStatus' }) status: CourseStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: CourseCoverDto, nullable: true, description: 'null: no cover (the web app draws a placeholder)' })
  cover: CourseCoverDto | null;
}

export class CourseDto extends CourseSummaryDto {
  @ApiProperty({ description: 'Markdown as authored' }) description: string;
  @ApiProperty({ description: 'Sanitized HTML of the description' }) descriptionHtml: string;
  @ApiProperty({ type: AudienceDto }) audience: AudienceDto;
  @ApiProperty({ type: CertificateSettingsDto }) certificate: CertificateSettingsDto;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ description: 'The caller may edit this course' }) canEdit: boolean;
  @ApiProperty({ type: [OutlineModuleDto] }) modules: OutlineModuleDto[];
  @ApiProperty({ type: MyEnrolmentDto, nullable: true, description: 'The caller’s enrolment, if any' }) enrolment: MyEnrolmentDto | null;
}

export class CourseListDto {
  @ApiProperty({ type: [CourseSummaryDto] }) items: CourseSummaryDto[];
  @ApiProperty() total: number;
}

export class QuizOptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ description: 'Only for course trainers, and for a learner who passed or used up the attempts' }) correct?: boolean;
}

export class QuizQuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) type: QuestionType;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: [QuizOptionDto] }) options: QuizOptionDto[];
}

export class QuizDto {
  @ApiProperty() passMark: number;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts: number | null;
  @ApiProperty({ type: [QuizQuestionDto] }) questions: QuizQuestionDto[];
}

export class QuizAttemptSummaryDto {
  @ApiProperty() attemptNumber: number;
  @ApiProperty() score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class LessonProgressDto {
  @ApiProperty() completed: boolean;
  @ApiProperty({ type: [QuizAttemptSummaryDto] }) attempts: QuizAttemptSummaryDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) attemptsLeft: number | null;
}

export class ResourceDto {
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

export class LessonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LESSON_KINDS, enumName: 'LessonKind' }) kind: LessonKind;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
  @ApiProperty() estimatedMinutes: number;
  @ApiPropertyOptional({ description: 'Markdown as authored (course trainers only)' }) body?: string;
  @ApiProperty({ description: 'Sanitized HTML' }) bodyHtml: string;
  @ApiProperty({ type: String, nullable: true }) videoUrl: string | null;
  @ApiProperty() transcript: string;
  @ApiProperty({ type: ResourceDto, nullable: true }) resource: ResourceDto | null;
  @ApiProperty({ type: QuizDto, nullable: true }) quiz: QuizDto | null;
  @ApiPropertyOptional({ type: LessonProgressDto, description: 'For an enrolled learner' }) progress?: LessonProgressDto;
}

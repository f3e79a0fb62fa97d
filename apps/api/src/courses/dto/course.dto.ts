import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COURSE_STATUSES,
  ENROLMENT_POLICIES,
  ENROLMENT_STATUSES,
  LESSON_KINDS,
  LOCALES,
  QUESTION_TYPES,
  QUIZ_PURPOSES,
  TRANSLATION_STATUSES,
} from '@ctlp/contracts';
import type {
  CourseStatus,
  EnrolmentPolicy,
  EnrolmentStatus,
  LessonKind,
  Locale,
  QuestionType,
  QuizPurpose,
  TranslationStatus,
} from '@ctlp/contracts';
import { AudienceDto, CertificateSettingsDto } from './course-input.dto.js';
import { QUIZ_PURPOSE_TEXT } from './lesson-input.dto.js';

export class LessonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class OutlineLessonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LESSON_KINDS, enumName: 'LessonKind' }) kind: LessonKind;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
  @ApiProperty() estimatedMinutes: number;
  @ApiPropertyOptional({ description: 'For an enrolled caller: done (a quiz: passed)' }) completed?: boolean;
  @ApiPropertyOptional({ description: 'For an enrolled learner of a sequential course: not open yet (see lockedBy)' }) locked?: boolean;
  @ApiPropertyOptional({ type: LessonRefDto, description: 'A locked lesson: the required lesson to complete first' })
  lockedBy?: LessonRefDto;
}

/** A course required before this one. */
export class PrerequisiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ description: 'For a signed-in caller: they completed it' }) completed?: boolean;
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

/** A language version of a course's family. */
export class CourseVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) language: Locale;
  @ApiProperty() title: string;
  @ApiProperty({ enum: COURSE_STATUSES, enumName: 'CourseStatus' }) status: CourseStatus;
  @ApiProperty({ enum: TRANSLATION_STATUSES, enumName: 'TranslationStatus' }) translationStatus: TranslationStatus;
  @ApiProperty({ description: 'The caller may edit this version' }) canEdit: boolean;
  @ApiProperty({ description: "The caller's current enrolment is in this version" }) enrolled: boolean;
}

export class CourseVersionListDto {
  @ApiProperty({ type: [CourseVersionDto] }) items: CourseVersionDto[];
  @ApiProperty() total: number;
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
  @ApiProperty({ format: 'uuid', description: "The family of language versions: its original's id" }) familyId: string;
  @ApiProperty({
    enum: TRANSLATION_STATUSES,
    enumName: 'TranslationStatus',
    description: "`original` for the family's original; a translation's status otherwise (outdated once the original's content changes)",
  })
  translationStatus: TranslationStatus;
  @ApiPropertyOptional({
    type: [CourseVersionDto],
    description: 'In the catalog: the published versions of its family the caller may see, this one included, in language order',
  })
  versions?: CourseVersionDto[];
}

export class CourseDto extends CourseSummaryDto {
  @ApiProperty({ description: 'Markdown as authored' }) description: string;
  @ApiProperty({ description: 'Sanitized HTML of the description' }) descriptionHtml: string;
  @ApiProperty({ type: AudienceDto }) audience: AudienceDto;
  @ApiProperty({ type: CertificateSettingsDto }) certificate: CertificateSettingsDto;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ description: 'The caller may edit this course' }) canEdit: boolean;
  @ApiProperty({ description: 'Lessons open in order' }) sequential: boolean;
  @ApiProperty({ type: [PrerequisiteDto], description: 'Courses to complete before enrolling' }) prerequisites: PrerequisiteDto[];
  @ApiProperty({ type: [OutlineModuleDto] }) modules: OutlineModuleDto[];
  @ApiProperty({ type: MyEnrolmentDto, nullable: true, description: 'The caller’s enrolment, if any' }) enrolment: MyEnrolmentDto | null;
  @ApiProperty({
    type: [CourseVersionDto],
    // Optional on summaries, always on a course: said explicitly, or the summary's optional flag stays.
    required: true,
    description:
      "Its family's language versions, this one included, in language order: all of them for its editors, the published ones for others",
  })
  override versions: CourseVersionDto[];
}

export class CourseListDto {
  @ApiProperty({ type: [CourseSummaryDto] }) items: CourseSummaryDto[];
  @ApiProperty() total: number;
}

export class QuizOptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Matching: the left-hand item' }) text: string;
  @ApiPropertyOptional({ description: 'Only for course trainers, and for a learner who passed or used up the attempts' }) correct?: boolean;
  @ApiPropertyOptional({ description: 'Shown when this option is chosen: only for course trainers, and once revealed' }) feedback?: string;
  @ApiPropertyOptional({ description: 'Matching, for course trainers only: the right-hand text this item pairs with' }) match?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Matching, for course trainers only: the id of that right-hand text' })
  matchId?: string;
}

export class MatchChoiceDto {
  @ApiProperty({ format: 'uuid', description: 'Not an option id' }) id: string;
  @ApiProperty() text: string;
}

export class NumericAnswerDto {
  @ApiProperty() answer: number;
  @ApiProperty() tolerance: number;
}

export class QuizQuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) type: QuestionType;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty({
    type: [QuizOptionDto],
    description: 'In the order drawn for the attempt (ordering: shuffled, the learner puts them in order); for trainers, as authored',
  })
  options: QuizOptionDto[];
  @ApiPropertyOptional({ type: [MatchChoiceDto], description: 'Matching only: the right-hand texts, shuffled, to pair the options with' })
  matchChoices?: MatchChoiceDto[];
  @ApiPropertyOptional({ description: 'General feedback: only for course trainers, and once revealed' }) explanation?: string;
  @ApiPropertyOptional({ type: NumericAnswerDto, description: 'Numeric: the right answer, only for course trainers and once revealed' })
  numeric?: NumericAnswerDto;
}

export class QuizDrawByTopicOutDto {
  @ApiProperty() topic: string;
  @ApiProperty() count: number;
}

export class QuizAttemptInProgressDto {
  @ApiProperty() attemptNumber: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Timed quizzes: answers are taken until 30 s past it' })
  deadline: string | null;
}

export class QuizDto {
  @ApiProperty({ enum: QUIZ_PURPOSES, enumName: 'QuizPurpose', description: QUIZ_PURPOSE_TEXT }) purpose: QuizPurpose;
  @ApiProperty() passMark: number;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Questions drawn per attempt; null: all' }) drawCount: number | null;
  @ApiProperty({ type: [QuizDrawByTopicOutDto], nullable: true, description: 'Questions drawn per topic (overrides drawCount)' })
  drawByTopic: QuizDrawByTopicOutDto[] | null;
  @ApiProperty() shuffle: boolean;
  @ApiProperty({ type: Number, nullable: true }) timeLimitMinutes: number | null;
  @ApiProperty({ description: 'Questions in the pool' }) poolSize: number;
  @ApiProperty({
    type: [QuizQuestionDto],
    description:
      'A learner: the draw of the attempt in progress, in its order ([] for a timed quiz not started); once revealed with no attempt ' +
      'in progress, the draw of the last attempt with its answers. Trainers: the whole pool as authored, with answers.',
  })
  questions: QuizQuestionDto[];
  @ApiProperty({ type: QuizAttemptInProgressDto, nullable: true, description: "The learner's attempt in progress" })
  attempt: QuizAttemptInProgressDto | null;
}

export class QuestionBankItemDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() lessonTitle: string;
  @ApiProperty({ type: QuizQuestionDto, description: 'As authored, with its answers' }) question: QuizQuestionDto;
}

export class QuestionBankDto {
  @ApiProperty({ type: [QuestionBankItemDto] }) items: QuestionBankItemDto[];
  @ApiProperty({ type: [String], description: "Every topic of the course's questions, whatever the filter" }) topics: string[];
}

export class QuizAttemptSummaryDto {
  @ApiProperty() attemptNumber: number;
  @ApiProperty() score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ description: 'Submitted past the time limit, or never submitted: scored 0' }) timedOut: boolean;
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

export class LessonVideoDto {
  @ApiPropertyOptional({ type: ResourceDto, description: 'The video as uploaded (mp4 or webm)' }) standard?: ResourceDto;
  @ApiPropertyOptional({ type: ResourceDto, description: 'A low-bitrate version, for slow links' }) low?: ResourceDto;
  @ApiPropertyOptional({ type: ResourceDto, description: 'The sound alone (m4a, mp3, ogg or webm)' }) audio?: ResourceDto;
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
  @ApiProperty({
    type: LessonVideoDto,
    nullable: true,
    description: "A video lesson's own files, each served by GET /api/lessons/{id}/video?rendition=…; null: none uploaded",
  })
  video: LessonVideoDto | null;
  @ApiPropertyOptional({ type: LessonProgressDto, description: 'For an enrolled learner' }) progress?: LessonProgressDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COURSE_STATUSES, ENROLMENT_STATUSES, LEARNING_PATH_STATUSES, LOCALES } from '@ctlp/contracts';
import type { CourseStatus, EnrolmentStatus, LearningPathStatus, Locale } from '@ctlp/contracts';

/** How far the caller is through a path: courses completed of all. */
export class LearningPathProgressDto {
  @ApiProperty() completed: number;
  @ApiProperty() total: number;
}

export class LearningPathCertificateRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() serial: string;
}

export class LearningPathSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) language: Locale;
  @ApiProperty({ enum: LEARNING_PATH_STATUSES, enumName: 'LearningPathStatus' }) status: LearningPathStatus;
  @ApiProperty() courseCount: number;
  @ApiProperty({ description: "The courses' estimated minutes summed" }) estimatedMinutes: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

export class LearningPathListDto {
  @ApiProperty({ type: [LearningPathSummaryDto] }) items: LearningPathSummaryDto[];
  @ApiProperty() total: number;
}

/** The caller's enrolment in a course of the path (the latest cycle, if several). */
export class PathEnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES, enumName: 'EnrolmentStatus' }) status: EnrolmentStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
}

export class LearningPathCourseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() estimatedMinutes: number;
  @ApiProperty({ enum: COURSE_STATUSES, enumName: 'CourseStatus' }) status: CourseStatus;
  @ApiProperty({ description: 'From 0' }) position: number;
  @ApiProperty({ description: 'The caller has a completed enrolment of it (any cycle)' }) completed: boolean;
  @ApiProperty({ type: PathEnrolmentDto, nullable: true }) enrolment: PathEnrolmentDto | null;
}

export class LearningPathDto extends LearningPathSummaryDto {
  @ApiProperty({ description: 'Markdown as authored (editors only; empty for others)' }) description: string;
  @ApiProperty({ description: 'Sanitized HTML of the description' }) descriptionHtml: string;
  @ApiProperty() certificateEnabled: boolean;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ description: 'The caller may edit this path (its owner, or an admin)' }) canEdit: boolean;
  @ApiProperty({ type: [LearningPathCourseDto] }) courses: LearningPathCourseDto[];
  @ApiPropertyOptional({ type: LearningPathProgressDto, description: 'For a signed-in caller' }) progress?: LearningPathProgressDto;
  @ApiProperty({ type: LearningPathCertificateRefDto, nullable: true, description: "The caller's certificate of the path, once issued" })
  certificate: LearningPathCertificateRefDto | null;
}

/** A path in the learner's My learning: one they started (enrolled in one of its courses) or completed. */
export class MyLearningPathDto extends LearningPathSummaryDto {
  @ApiProperty({ type: LearningPathProgressDto }) progress: LearningPathProgressDto;
  @ApiProperty({ type: LearningPathCertificateRefDto, nullable: true }) certificate: LearningPathCertificateRefDto | null;
}

export class MyLearningPathListDto {
  @ApiProperty({ type: [MyLearningPathDto] }) items: MyLearningPathDto[];
  @ApiProperty() total: number;
}

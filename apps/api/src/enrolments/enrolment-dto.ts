import { toCourseSummaryDto } from '../courses/course-dto.js';
import { progressPercent } from '../courses/course-progress.js';
import type { EnrolmentDto, LearnerDto, MyEnrolmentItemDto } from './dto/enrolment.dto.js';
import type { EnrolmentRow, LearnerRow, MyEnrolmentRow } from './enrolments.repository.js';

export function toEnrolmentDto(row: EnrolmentRow): EnrolmentDto {
  return {
    id: row.id,
    courseId: row.courseId,
    userId: row.userId,
    status: row.status,
    source: row.source,
    progress: progressPercent(row.done, row.required, row.status),
    enrolledAt: row.enrolledAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    finalScore: row.finalScore === null ? null : Number(row.finalScore),
    lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
  };
}

export function toMyEnrolmentItemDto(row: MyEnrolmentRow): MyEnrolmentItemDto {
  return {
    ...toEnrolmentDto(row),
    course: toCourseSummaryDto({
      id: row.courseId,
      slug: row.courseSlug,
      title: row.courseTitle,
      summary: row.courseSummary,
      language: row.courseLanguage,
      topics: row.courseTopics,
      estimatedMinutes: row.courseEstimatedMinutes,
      enrolmentPolicy: row.courseEnrolmentPolicy,
      status: row.courseStatus,
      publishedAt: row.coursePublishedAt,
      cover: row.courseCover,
    }),
    nextLessonId: row.nextLessonId,
  };
}

export function toLearnerDto(row: LearnerRow): LearnerDto {
  return {
    ...toEnrolmentDto(row),
    fullName: row.fullName,
    email: row.email,
    memberState: row.memberState,
    institution: row.institution,
    certificate: row.certificateId
      ? { id: row.certificateId, serial: row.certificateSerial!, revokedAt: row.certificateRevokedAt?.toISOString() ?? null }
      : null,
  };
}

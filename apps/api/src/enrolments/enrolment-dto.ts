import { toCourseSummaryDto } from '../courses/course-dto.js';
import { progressPercent } from '../courses/course-progress.js';
import type { CertificateStatus } from '@ctlp/contracts';
import type { EnrolmentDto, LearnerDto, MyEnrolmentItemDto, PastCycleDto } from './dto/enrolment.dto.js';
import type { EnrolmentRow, LearnerRow, MyEnrolmentRow, PastCycleRow } from './enrolments.repository.js';

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
    cycle: row.cycle,
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
      familyId: row.courseFamilyId,
      translationStatus: row.courseTranslationStatus,
    }),
    nextLessonId: row.nextLessonId,
    canRetake: row.canRetake,
    pastCycles: row.pastCycles.map(toPastCycleDto),
  };
}

/** A past cycle's certificate: revoked, superseded by a later cycle's, expired or (validity since changed) valid. */
function pastCycleStatus(row: PastCycleRow, now = new Date()): CertificateStatus {
  if (row.certificateRevokedAt) return 'revoked';
  if (row.certificateSuperseded) return 'superseded';
  if (row.certificateExpiresAt && new Date(row.certificateExpiresAt) <= now) return 'expired';
  return 'valid';
}

function toPastCycleDto(row: PastCycleRow): PastCycleDto {
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    cycle: row.cycle,
    enrolledAt: iso(row.enrolledAt)!,
    completedAt: iso(row.completedAt),
    certificate: row.certificateSerial
      ? { serial: row.certificateSerial, expiresAt: iso(row.certificateExpiresAt), status: pastCycleStatus(row) }
      : null,
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

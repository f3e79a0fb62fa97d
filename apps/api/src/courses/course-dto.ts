import { toCoverView } from './course-cover.js';
import { progressPercent } from './course-progress.js';
import type {
  CourseViewRow,
  CourseSummaryRow,
  CourseTrainerRow,
  CourseVersionRow,
  ModuleRow,
  OutlineLessonRow,
} from './courses.repository.js';
import type { CourseDto, CourseSummaryDto, CourseVersionDto, OutlineModuleDto } from './dto/course.dto.js';
import type { CourseTrainerDto } from './dto/trainer.dto.js';

/** A course in a list (the catalog, a trainer's courses, a learner's enrolments). */
export function toCourseSummaryDto(row: CourseSummaryRow): CourseSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    topics: row.topics,
    estimatedMinutes: row.estimatedMinutes,
    enrolmentPolicy: row.enrolmentPolicy,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    cover: toCoverView(row.id, row.cover),
    familyId: row.familyId,
    translationStatus: row.translationStatus,
    ...(row.versions ? { versions: row.versions.map(toCourseVersionDto) } : {}),
  };
}

export function toCourseVersionDto(row: CourseVersionRow): CourseVersionDto {
  return {
    id: row.id,
    slug: row.slug,
    language: row.language,
    title: row.title,
    status: row.status,
    translationStatus: row.translationStatus,
    canEdit: row.canEdit,
    enrolled: row.enrolled,
  };
}

/** A module without its lessons, as authoring answers. */
export function toModuleDto(row: ModuleRow): Omit<OutlineModuleDto, 'lessons'> {
  return { id: row.id, title: row.title, position: row.position };
}

/**
 * The course page: details, modules with their lessons (no content, no answers), the caller's
 * enrolment with its progress counted from these rows. The Markdown of the description only for
 * those who may edit it.
 */
export function toCourseDto(course: CourseViewRow, outline: OutlineLessonRow[], signedIn: boolean): CourseDto {
  const modules: OutlineModuleDto[] = [];
  let required = 0;
  let done = 0;
  // A sequential course holds its learners (never its trainers) at the first required lesson not done:
  // every lesson after it is locked, as learning/lesson-lock.ts decides for the lesson routes.
  const ordered = course.sequential && course.enrolmentId && !course.canEdit;
  let blocker: { id: string; title: string } | null = null;
  for (const row of outline) {
    let module = modules.at(-1);
    if (!module || module.id !== row.moduleId) {
      module = {
        ...toModuleDto({ id: row.moduleId, courseId: course.id, title: row.moduleTitle, position: row.modulePosition }),
        lessons: [],
      };
      modules.push(module);
    }
    if (!row.id) continue;
    module.lessons.push({
      id: row.id,
      title: row.title,
      kind: row.kind,
      required: row.required,
      position: row.position,
      estimatedMinutes: row.estimatedMinutes,
      ...(course.enrolmentId ? { completed: row.completed } : {}),
      ...(ordered ? (blocker ? { locked: true, lockedBy: blocker } : { locked: false }) : {}),
    });
    if (ordered && !blocker && row.required && !row.completed) blocker = { id: row.id, title: row.title };
    if (row.required) {
      required += 1;
      if (row.completed) done += 1;
    }
  }
  return {
    ...toCourseSummaryDto(course),
    description: course.canEdit ? course.description : '',
    descriptionHtml: course.descriptionHtml,
    audience: { memberStates: course.audienceMemberStates, agencyTypes: course.audienceAgencyTypes },
    certificate: { enabled: course.certificateEnabled, validityMonths: course.certificateValidityMonths },
    ownerId: course.ownerId,
    canEdit: course.canEdit,
    sequential: course.sequential,
    prerequisites: course.prerequisites.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      ...(signedIn ? { completed: p.completed } : {}),
    })),
    modules,
    versions: course.versions.map(toCourseVersionDto),
    enrolment: course.enrolmentId
      ? {
          id: course.enrolmentId,
          status: course.enrolmentStatus!,
          progress: progressPercent(done, required, course.enrolmentStatus!),
          cycle: course.enrolmentCycle!,
          canRetake: course.enrolmentCanRetake,
        }
      : null,
  };
}

export function toCourseTrainerDto(row: CourseTrainerRow): CourseTrainerDto {
  return { userId: row.userId, fullName: row.fullName, email: row.email, role: row.role };
}

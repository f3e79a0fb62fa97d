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
import type { CourseDto, CourseSummaryDto, CourseVersionDto, OutlineLessonDto, OutlineModuleDto } from './dto/course.dto.js';
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
      module = { id: row.moduleId, title: row.moduleTitle, position: row.modulePosition, lessons: [] };
      modules.push(module);
    }
    if (!row.id) continue;
    // Optional fields assigned, not spread in: a spread per lesson cost ~40 µs and 10 KB per outline.
    const lesson: OutlineLessonDto = {
      id: row.id,
      title: row.title,
      kind: row.kind,
      required: row.required,
      position: row.position,
      estimatedMinutes: row.estimatedMinutes,
    };
    if (course.enrolmentId) lesson.completed = row.completed;
    if (ordered) {
      lesson.locked = Boolean(blocker);
      if (blocker) lesson.lockedBy = blocker;
    }
    module.lessons.push(lesson);
    if (ordered && !blocker && row.required && !row.completed) blocker = { id: row.id, title: row.title };
    if (row.required) {
      required += 1;
      if (row.completed) done += 1;
    }
  }
  // The summary's object completed in place: spreading it into a new literal made V8 copy it
  // property by property (a third of the outline route's allocation; bench/README.md).
  const dto = toCourseSummaryDto(course) as CourseDto;
  dto.description = course.canEdit ? course.description : '';
  dto.descriptionHtml = course.descriptionHtml;
  dto.audience = { memberStates: course.audienceMemberStates, agencyTypes: course.audienceAgencyTypes };
  dto.certificate = { enabled: course.certificateEnabled, validityMonths: course.certificateValidityMonths };
  dto.ownerId = course.ownerId;
  dto.canEdit = course.canEdit;
  dto.sequential = course.sequential;
  dto.prerequisites = course.prerequisites.map((p) =>
    signedIn ? { id: p.id, slug: p.slug, title: p.title, completed: p.completed } : { id: p.id, slug: p.slug, title: p.title },
  );
  dto.modules = modules;
  dto.versions = course.versions.map(toCourseVersionDto);
  dto.enrolment = course.enrolmentId
    ? {
        id: course.enrolmentId,
        status: course.enrolmentStatus!,
        progress: progressPercent(done, required, course.enrolmentStatus!),
        cycle: course.enrolmentCycle!,
        canRetake: course.enrolmentCanRetake,
      }
    : null;
  return dto;
}

export function toCourseTrainerDto(row: CourseTrainerRow): CourseTrainerDto {
  return { userId: row.userId, fullName: row.fullName, email: row.email, role: row.role };
}

import type { LessonRow } from './courses.repository.js';
import type { LessonDto } from './dto/course.dto.js';

/**
 * A lesson as the API shows it. What of the authoring the caller sees is the caller's to decide:
 * `body` (the Markdown) only for those who may edit, `quiz` as it may be shown to them.
 */
export function toLessonDto(lesson: LessonRow, view: { body: boolean; quiz: LessonDto['quiz'] }): LessonDto {
  return {
    id: lesson.id,
    courseId: lesson.courseId,
    moduleId: lesson.moduleId,
    title: lesson.title,
    kind: lesson.kind,
    required: lesson.required,
    position: lesson.position,
    estimatedMinutes: lesson.estimatedMinutes,
    ...(view.body ? { body: lesson.body } : {}),
    bodyHtml: lesson.bodyHtml,
    videoUrl: lesson.videoUrl,
    transcript: lesson.transcript,
    resource: lesson.resource
      ? { fileName: lesson.resource.fileName, contentType: lesson.resource.contentType, size: lesson.resource.size }
      : null,
    quiz: view.quiz,
  };
}

/** A lesson as its authors see it: the Markdown and the quiz with its answers. */
export function toAuthorLessonDto(lesson: LessonRow): LessonDto {
  return toLessonDto(lesson, { body: true, quiz: lesson.quiz });
}

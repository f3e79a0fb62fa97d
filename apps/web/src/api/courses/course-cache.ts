import type { QueryClient } from '@tanstack/react-query';
import type { Schemas } from '../client';
import { courseKeys, type Course } from './use-course';

// Writes into the cached courses what an edit's answer says, so the editor and the course page
// show the change without fetching the whole course again.

type OutlineModule = Schemas['OutlineModuleDto'];
type OutlineLesson = Schemas['OutlineLessonDto'];
type Positioned = { id: string; position: number };

/** Applies `change` to every cached copy (by id, by slug) of the courses `matches` picks. */
export function patchCourses(client: QueryClient, matches: (course: Course) => boolean, change: (course: Course) => Course): void {
  client.setQueriesData<Course>({ queryKey: courseKeys.all }, (course) => (course && matches(course) ? change(course) : undefined));
}

export const patchCourse = (client: QueryClient, courseId: string, change: (course: Course) => Course) =>
  patchCourses(client, (course) => course.id === courseId, change);

/** The course as the API just answered it, under its id and its (possibly new) slug. */
export function putCourse(client: QueryClient, course: Course): void {
  patchCourse(client, course.id, () => course);
  client.setQueryData(courseKeys.detail(course.id), course);
  client.setQueryData(courseKeys.detail(course.slug), course);
}

/** The cached course that holds a module or a lesson, if any. */
export function cachedCourseHolding(client: QueryClient, id: string): Course | undefined {
  return client
    .getQueriesData<Course>({ queryKey: courseKeys.all })
    .map(([, course]) => course)
    .find((course) => course?.modules.some((module) => module.id === id || module.lessons.some((lesson) => lesson.id === id)));
}

/** Moves `item` to `position` (clamped) and numbers the list from 0, as the API does. */
export function placeAt<T extends Positioned>(list: readonly T[], item: T, position: number): T[] {
  const rest = list.filter((other) => other.id !== item.id);
  rest.splice(Math.min(position, rest.length), 0, item);
  return rest.map((entry, index) => ({ ...entry, position: index }));
}

export const withModules = (course: Course, modules: OutlineModule[]): Course => ({ ...course, modules });

/** A lesson as the outline lists it, keeping what the outline knew of the caller's progress. */
export function outlineLesson(lesson: Schemas['LessonDto'], previous?: OutlineLesson): OutlineLesson {
  return {
    id: lesson.id,
    title: lesson.title,
    kind: lesson.kind,
    required: lesson.required,
    estimatedMinutes: lesson.estimatedMinutes,
    position: lesson.position,
    ...(previous?.completed !== undefined ? { completed: previous.completed } : {}),
  };
}

/** Marks a lesson done in the outline. */
export function withLessonCompleted(course: Course, lessonId: string): Course {
  return withModules(
    course,
    course.modules.map((module) => ({
      ...module,
      lessons: module.lessons.map((lesson) => (lesson.id === lessonId ? { ...lesson, completed: true } : lesson)),
    })),
  );
}

/** The caller's enrolment as a course shows it. */
export function withEnrolment(course: Course, enrolment: Schemas['EnrolmentDto']): Course {
  // The learning that answered is the current cycle's, whose certificate (if any) is new: nothing to retake.
  return {
    ...course,
    enrolment: { id: enrolment.id, progress: enrolment.progress, status: enrolment.status, cycle: enrolment.cycle, canRetake: false },
  };
}

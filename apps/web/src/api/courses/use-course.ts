import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type Course = Schemas['CourseDto'];

export const courseKeys = {
  all: ['courses', 'one'] as const,
  /** A course is cached under each name it was asked by: its id (the editor) and its slug (its page). */
  detail: (idOrSlug: string) => [...courseKeys.all, idOrSlug] as const,
};

/** A course with its outline, the caller's enrolment and whether the caller may edit it. */
export const courseQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: courseKeys.detail(idOrSlug),
    queryFn: () => unwrap(api.GET('/api/courses/{idOrSlug}', { params: { path: { idOrSlug } } })),
  });

export function useCourse(idOrSlug: string) {
  return useQuery(courseQuery(idOrSlug));
}

/** The lessons of a course in reading order, for "next" and "resume". */
export function lessonsInOrder(course: Course) {
  return course.modules.flatMap((module) => module.lessons);
}

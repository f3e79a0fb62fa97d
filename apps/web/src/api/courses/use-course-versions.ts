import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { putCourse } from './course-cache';
import { catalogKeys } from './use-catalog';
import { courseKeys, type Course } from './use-course';
import { myCoursesKeys } from './use-my-courses';

export type CourseVersion = Schemas['CourseVersionDto'];

/**
 * Every course of the family lists its versions: the cached ones are refetched, with the lists
 * (the trainer's courses, the catalog's "also in") that show them.
 */
function familyChanged(client: QueryClient, course: Course) {
  putCourse(client, course);
  return Promise.all([
    client.invalidateQueries({
      queryKey: courseKeys.all,
      predicate: (query) => {
        const cached = query.state.data as Course | undefined;
        return cached !== undefined && cached.familyId === course.familyId && cached.id !== course.id;
      },
    }),
    client.invalidateQueries({ queryKey: myCoursesKeys.all }),
    client.invalidateQueries({ queryKey: catalogKeys.all }),
  ]);
}

/** A draft version of the course's family in another language, copied from the course; the answer is the new version. */
export function useCreateVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, language }: { courseId: string; language: Schemas['Locale'] }) =>
      unwrap(api.POST('/api/courses/{id}/versions', { params: { path: { id: courseId } }, body: { language } })),
    onSuccess: (course) => familyChanged(client, course),
  });
}

/** Where a translation stands (the original has no status to set). */
export function useSetTranslationStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      translationStatus,
    }: {
      id: string;
      translationStatus: NonNullable<Schemas['UpdateCourseDto']['translationStatus']>;
    }) => unwrap(api.PATCH('/api/courses/{id}', { params: { path: { id } }, body: { translationStatus } })),
    onSuccess: (course) => familyChanged(client, course),
  });
}

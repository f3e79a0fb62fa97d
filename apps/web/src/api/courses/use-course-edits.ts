import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, send, unwrap, type Schemas } from '../client';
import { myEnrolmentsKeys } from '../learning/use-my-enrolments';
import { putCourse } from './course-cache';
import { catalogKeys } from './use-catalog';
import type { Course } from './use-course';
import { myCoursesKeys } from './use-my-courses';

/**
 * The answer is the course as it now is: it replaces the cached course. Its title, summary and
 * status also show in the catalog, the trainer's list and learners' lists, which are refetched.
 */
function courseChanged(client: QueryClient, course: Course) {
  putCourse(client, course);
  return Promise.all([
    client.invalidateQueries({ queryKey: catalogKeys.all }),
    client.invalidateQueries({ queryKey: myCoursesKeys.all }),
    client.invalidateQueries({ queryKey: myEnrolmentsKeys.all }),
  ]);
}

export function useCreateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateCourseDto']) => unwrap(api.POST('/api/courses', { body })),
    // A new course is a draft: only the trainer's own list shows it.
    onSuccess: (course) => {
      putCourse(client, course);
      return client.invalidateQueries({ queryKey: myCoursesKeys.all });
    },
  });
}

export function useUpdateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateCourseDto'] }) =>
      unwrap(api.PATCH('/api/courses/{id}', { params: { path: { id } }, body })),
    onSuccess: (course) => courseChanged(client, course),
  });
}

export function usePublishCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/courses/{id}/publish', { params: { path: { id } } })),
    onSuccess: (course) => courseChanged(client, course),
  });
}

export function useArchiveCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/courses/{id}/archive', { params: { path: { id } } })),
    onSuccess: (course) => courseChanged(client, course),
  });
}

/** Sets the course's cover from an image file; the answer is the course with its new cover. */
export function useUploadCover() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return send<Course>(`/api/courses/${encodeURIComponent(id)}/cover`, { method: 'PUT', body: form });
    },
    onSuccess: (course) => courseChanged(client, course),
  });
}

export function useRemoveCover() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/courses/{id}/cover', { params: { path: { id } } })),
    onSuccess: (course) => courseChanged(client, course),
  });
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, send, unwrap, type Schemas } from './client';

export type Course = Schemas['CourseDto'];
export type CourseSummary = Schemas['CourseSummaryDto'];
export type Lesson = Schemas['LessonDto'];

export interface CatalogFilters {
  q?: string;
  topic?: string;
  language?: Schemas['Locale'];
  limit: number;
  offset: number;
}

const keys = {
  catalog: ['courses', 'catalog'] as const,
  course: (idOrSlug: string) => ['courses', 'one', idOrSlug] as const,
  mine: ['courses', 'mine'] as const,
  lesson: (id: string) => ['lessons', id] as const,
  myEnrolments: ['me', 'enrolments'] as const,
  learners: (courseId: string) => ['courses', 'learners', courseId] as const,
  trainers: (courseId: string) => ['courses', 'trainers', courseId] as const,
};

/** Anything about courses may have changed: refetch what is on screen. */
function refreshCourses(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['courses'] }),
    client.invalidateQueries({ queryKey: ['lessons'] }),
    client.invalidateQueries({ queryKey: keys.myEnrolments }),
  ]);
}

export function useCatalog(filters: CatalogFilters) {
  return useQuery({
    queryKey: [...keys.catalog, filters],
    queryFn: () => unwrap(api.GET('/api/courses', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export const courseQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: keys.course(idOrSlug),
    queryFn: () => unwrap(api.GET('/api/courses/{idOrSlug}', { params: { path: { idOrSlug } } })),
  });

export function useCourse(idOrSlug: string) {
  return useQuery(courseQuery(idOrSlug));
}

export function useMyCourses(enabled = true) {
  return useQuery({ queryKey: keys.mine, queryFn: () => unwrap(api.GET('/api/courses/mine')), enabled });
}

export function useLesson(id: string) {
  return useQuery({ queryKey: keys.lesson(id), queryFn: () => unwrap(api.GET('/api/lessons/{id}', { params: { path: { id } } })) });
}

export function useMyEnrolments() {
  return useQuery({ queryKey: keys.myEnrolments, queryFn: () => unwrap(api.GET('/api/me/enrolments')) });
}

export function useLearners(courseId: string) {
  return useQuery({
    queryKey: keys.learners(courseId),
    queryFn: () =>
      unwrap(api.GET('/api/courses/{id}/enrolments', { params: { path: { id: courseId }, query: {} } })) as Promise<
        Schemas['LearnerListDto']
      >,
  });
}

export function useTrainers(courseId: string) {
  return useQuery({
    queryKey: keys.trainers(courseId),
    queryFn: () => unwrap(api.GET('/api/courses/{id}/trainers', { params: { path: { id: courseId } } })),
  });
}

/** A mutation that refreshes every course query when it succeeds. */
function useCourseMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => refreshCourses(client) });
}

export const useEnrol = () =>
  useCourseMutation((id: string) => unwrap(api.POST('/api/courses/{id}/enrolments', { params: { path: { id } } })));
export const useCompleteLesson = () =>
  useCourseMutation((id: string) => unwrap(api.POST('/api/lessons/{id}/complete', { params: { path: { id } } })));
export const useAttempt = () =>
  useCourseMutation(({ id, body }: { id: string; body: Schemas['AttemptDto'] }) =>
    unwrap(api.POST('/api/lessons/{id}/attempts', { params: { path: { id } }, body })),
  );

export const useCreateCourse = () => useCourseMutation((body: Schemas['CreateCourseDto']) => unwrap(api.POST('/api/courses', { body })));
export const useUpdateCourse = () =>
  useCourseMutation(({ id, body }: { id: string; body: Schemas['UpdateCourseDto'] }) =>
    unwrap(api.PATCH('/api/courses/{id}', { params: { path: { id } }, body })),
  );
export const usePublishCourse = () =>
  useCourseMutation((id: string) => unwrap(api.POST('/api/courses/{id}/publish', { params: { path: { id } } })));
export const useArchiveCourse = () =>
  useCourseMutation((id: string) => unwrap(api.POST('/api/courses/{id}/archive', { params: { path: { id } } })));

export const useAddModule = () =>
  useCourseMutation(({ courseId, title }: { courseId: string; title: string }) =>
    unwrap(api.POST('/api/courses/{id}/modules', { params: { path: { id: courseId } }, body: { title } })),
  );
export const useUpdateModule = () =>
  useCourseMutation(({ id, body }: { id: string; body: Schemas['UpdateModuleDto'] }) =>
    unwrap(api.PATCH('/api/modules/{id}', { params: { path: { id } }, body })),
  );
export const useDeleteModule = () =>
  useCourseMutation((id: string) => unwrap(api.DELETE('/api/modules/{id}', { params: { path: { id } } })));

export const useAddLesson = () =>
  useCourseMutation(({ moduleId, body }: { moduleId: string; body: Schemas['CreateLessonDto'] }) =>
    unwrap(api.POST('/api/modules/{id}/lessons', { params: { path: { id: moduleId } }, body })),
  );
export const useUpdateLesson = () =>
  useCourseMutation(({ id, body }: { id: string; body: Schemas['UpdateLessonDto'] }) =>
    unwrap(api.PATCH('/api/lessons/{id}', { params: { path: { id } }, body })),
  );
export const useDeleteLesson = () =>
  useCourseMutation((id: string) => unwrap(api.DELETE('/api/lessons/{id}', { params: { path: { id } } })));
export const useAttachResource = () =>
  useCourseMutation(({ id, file }: { id: string; file: File }) => {
    const form = new FormData();
    form.append('file', file);
    return send<Lesson>(`/api/lessons/${encodeURIComponent(id)}/resource`, { method: 'POST', body: form });
  });

export const useAddTrainer = () =>
  useCourseMutation(({ courseId, email }: { courseId: string; email: string }) =>
    unwrap(api.POST('/api/courses/{id}/trainers', { params: { path: { id: courseId } }, body: { email } })),
  );
export const useRemoveTrainer = () =>
  useCourseMutation(({ courseId, userId }: { courseId: string; userId: string }) =>
    unwrap(api.DELETE('/api/courses/{id}/trainers/{userId}', { params: { path: { id: courseId, userId } } })),
  );

export const useDecideEnrolment = () =>
  useCourseMutation(({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
    decision === 'approve'
      ? unwrap(api.POST('/api/enrolments/{id}/approve', { params: { path: { id } } }))
      : unwrap(api.POST('/api/enrolments/{id}/reject', { params: { path: { id } } })),
  );
export const useBulkEnrol = () =>
  useCourseMutation(({ courseId, csv }: { courseId: string; csv: string }) =>
    send<Schemas['BulkEnrolmentReportDto']>(`/api/courses/${encodeURIComponent(courseId)}/enrolments/bulk`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: csv,
    }),
  );

export function previewMarkdown(markdown: string): Promise<string> {
  return unwrap(api.POST('/api/markdown/preview', { body: { markdown } })).then((result) => result.html);
}

/** The lessons of a course in reading order, for "next" and "resume". */
export function lessonsInOrder(course: Course) {
  return course.modules.flatMap((module) => module.lessons);
}

import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, send, unwrap, type Schemas } from '../client';
import { learnersKeys } from '../enrolments/use-learners';
import { lessonKeys, type Lesson } from '../learning/use-lesson';
import { cachedCourseHolding, outlineLesson, patchCourse, placeAt, withModules } from './course-cache';
import { courseKeys, type Course } from './use-course';

/**
 * The answer is the lesson as it now is: it replaces the cached lesson and its line in the
 * course's outline, in its (possibly new) module and place.
 */
export function lessonChanged(client: QueryClient, lesson: Lesson, moved: boolean) {
  client.setQueryData(lessonKeys.detail(lesson.id), lesson);
  patchCourse(client, lesson.courseId, (course) => {
    const previous = course.modules.flatMap((module) => module.lessons).find((entry) => entry.id === lesson.id);
    const entry = outlineLesson(lesson, previous);
    return withModules(
      course,
      course.modules.map((module) => {
        if (!moved) return { ...module, lessons: module.lessons.map((other) => (other.id === lesson.id ? entry : other)) };
        const others = module.lessons.filter((other) => other.id !== lesson.id);
        return { ...module, lessons: module.id === lesson.moduleId ? placeAt(others, entry, lesson.position) : others };
      }),
    );
  });
}

/** Which lessons are required, and how many, decides each learner's progress. */
const learnersChanged = (client: QueryClient, courseId: string) => client.invalidateQueries({ queryKey: learnersKeys.list(courseId) });

export function useAddLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ moduleId, body }: { moduleId: string; body: Schemas['CreateLessonDto'] }) =>
      unwrap(api.POST('/api/modules/{id}/lessons', { params: { path: { id: moduleId } }, body })),
    onSuccess: (lesson) => {
      lessonChanged(client, lesson, true);
      return learnersChanged(client, lesson.courseId);
    },
  });
}

export function useUpdateLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateLessonDto'] }) =>
      unwrap(api.PATCH('/api/lessons/{id}', { params: { path: { id } }, body })),
    onSuccess: (lesson, { body }) => {
      lessonChanged(client, lesson, body.position !== undefined || body.moduleId !== undefined);
      return body.required !== undefined ? learnersChanged(client, lesson.courseId) : undefined;
    },
  });
}

export function useDeleteLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/lessons/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      const course = cachedCourseHolding(client, id);
      client.removeQueries({ queryKey: lessonKeys.detail(id) });
      if (!course) return undefined;
      patchCourse(client, course.id, (c) =>
        withModules(
          c,
          c.modules.map((module) => ({ ...module, lessons: module.lessons.filter((lesson) => lesson.id !== id) })),
        ),
      );
      return learnersChanged(client, course.id);
    },
  });
}

export function useAttachResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return send<Lesson>(`/api/lessons/${encodeURIComponent(id)}/resource`, { method: 'POST', body: form });
    },
    // Only the lesson itself shows its file.
    onSuccess: (lesson) => client.setQueryData(lessonKeys.detail(lesson.id), lesson),
  });
}

/**
 * Moves a lesson to `position` in `moduleId` (its own or another of the course): the outline shows
 * it there at once, and goes back as it was if the API refuses.
 */
export function useMoveLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, moduleId, position }: { id: string; courseId: string; moduleId: string; position: number }) =>
      unwrap(api.PATCH('/api/lessons/{id}', { params: { path: { id } }, body: { moduleId, position } })),
    onMutate: async ({ id, courseId, moduleId, position }) => {
      await client.cancelQueries({ queryKey: courseKeys.all });
      const before = client.getQueriesData<Course>({ queryKey: courseKeys.all });
      patchCourse(client, courseId, (course) => {
        const entry = course.modules.flatMap((module) => module.lessons).find((lesson) => lesson.id === id);
        if (!entry) return course;
        return withModules(
          course,
          course.modules.map((module) => {
            const others = module.lessons.filter((lesson) => lesson.id !== id).map((lesson, index) => ({ ...lesson, position: index }));
            return { ...module, lessons: module.id === moduleId ? placeAt(others, entry, position) : others };
          }),
        );
      });
      return { before };
    },
    onError: (_, __, context) => {
      for (const [key, course] of context?.before ?? []) client.setQueryData(key, course);
    },
    onSuccess: (lesson) => lessonChanged(client, lesson, true),
  });
}

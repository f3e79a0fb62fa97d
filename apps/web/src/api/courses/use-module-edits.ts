import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { learnersKeys } from '../enrolments/use-learners';
import { lessonKeys } from '../learning/use-lesson';
import { cachedCourseHolding, patchCourse, patchCourses, placeAt, withModules } from './course-cache';
import { courseKeys, type Course } from './use-course';

const holdsModule = (id: string) => (course: { modules: Array<{ id: string }> }) => course.modules.some((module) => module.id === id);

export function useAddModule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, title }: { courseId: string; title: string }) =>
      unwrap(api.POST('/api/courses/{id}/modules', { params: { path: { id: courseId } }, body: { title } })),
    // A new module comes last and empty.
    onSuccess: (module, { courseId }) =>
      patchCourse(client, courseId, (course) => withModules(course, [...course.modules, { ...module, lessons: module.lessons ?? [] }])),
  });
}

export function useUpdateModule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateModuleDto'] }) =>
      unwrap(api.PATCH('/api/modules/{id}', { params: { path: { id } }, body })),
    // The answer has the module's title and place, not its lessons: those stay as they are.
    onSuccess: (answer, { id, body }) =>
      patchCourses(client, holdsModule(id), (course) => {
        const current = course.modules.find((module) => module.id === id)!;
        const updated = { ...current, title: answer.title, position: answer.position };
        const modules =
          body.position === undefined
            ? course.modules.map((module) => (module.id === id ? updated : module))
            : placeAt(course.modules, updated, answer.position);
        return withModules(course, modules);
      }),
  });
}

export function useDeleteModule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/modules/{id}', { params: { path: { id } } })),
    // Its lessons go with it, which changes every learner's progress.
    onSuccess: (_, id) => {
      const course = cachedCourseHolding(client, id);
      const lessonIds = course?.modules.find((module) => module.id === id)?.lessons.map((lesson) => lesson.id) ?? [];
      patchCourses(client, holdsModule(id), (c) =>
        withModules(
          c,
          c.modules.filter((module) => module.id !== id),
        ),
      );
      for (const lessonId of lessonIds) client.removeQueries({ queryKey: lessonKeys.detail(lessonId) });
      return course ? client.invalidateQueries({ queryKey: learnersKeys.list(course.id) }) : undefined;
    },
  });
}

/** Moves a module to `position`: shown there at once, put back if the API refuses. */
export function useMoveModule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) =>
      unwrap(api.PATCH('/api/modules/{id}', { params: { path: { id } }, body: { position } })),
    onMutate: async ({ id, position }) => {
      await client.cancelQueries({ queryKey: courseKeys.all });
      const before = client.getQueriesData<Course>({ queryKey: courseKeys.all });
      patchCourses(client, holdsModule(id), (course) =>
        withModules(
          course,
          placeAt(
            course.modules,
            course.modules.find((module) => module.id === id)!,
            position,
          ),
        ),
      );
      return { before };
    },
    onError: (_, __, context) => {
      for (const [key, course] of context?.before ?? []) client.setQueryData(key, course);
    },
  });
}

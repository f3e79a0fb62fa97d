import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { learnersKeys } from '../enrolments/use-learners';
import { lessonKeys } from '../learning/use-lesson';
import { cachedCourseHolding, patchCourse, patchCourses, placeAt, withModules } from './course-cache';

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

import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { editableLearningPathsKeys } from './use-editable-learning-paths';
import { learningPathKeys, type LearningPath } from './use-learning-path';
import { learningPathsKeys } from './use-learning-paths';

/** The answer is the path as it now is: cached under its id and slug; the lists showing it are refetched. */
function pathChanged(client: QueryClient, path: LearningPath) {
  client.setQueryData(learningPathKeys.detail(path.id), path);
  client.setQueryData(learningPathKeys.detail(path.slug), path);
  return Promise.all([
    client.invalidateQueries({ queryKey: learningPathsKeys.all }),
    client.invalidateQueries({ queryKey: editableLearningPathsKeys.all }),
  ]);
}

export function useCreateLearningPath() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateLearningPathDto']) => unwrap(api.POST('/api/learning-paths', { body })),
    onSuccess: (path) => pathChanged(client, path),
  });
}

export function useUpdateLearningPath() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateLearningPathDto'] }) =>
      unwrap(api.PATCH('/api/learning-paths/{id}', { params: { path: { id } }, body })),
    onSuccess: (path) => pathChanged(client, path),
  });
}

export function useSetLearningPathCourses() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, courseIds }: { id: string; courseIds: string[] }) =>
      unwrap(api.PUT('/api/learning-paths/{id}/courses', { params: { path: { id } }, body: { courseIds } })),
    onSuccess: (path) => pathChanged(client, path),
  });
}

export function usePublishLearningPath() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, publish }: { id: string; publish: boolean }) =>
      publish
        ? unwrap(api.POST('/api/learning-paths/{id}/publish', { params: { path: { id } } }))
        : unwrap(api.POST('/api/learning-paths/{id}/unpublish', { params: { path: { id } } })),
    onSuccess: (path) => pathChanged(client, path),
  });
}

export function useDeleteLearningPath() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/learning-paths/{id}', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: learningPathsKeys.all }),
        client.invalidateQueries({ queryKey: editableLearningPathsKeys.all }),
      ]),
  });
}

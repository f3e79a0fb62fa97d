import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { trainersKeys } from './use-trainers';

type TrainerList = Schemas['CourseTrainerListDto'];

export function useAddTrainer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, email }: { courseId: string; email: string }) =>
      unwrap(api.POST('/api/courses/{id}/trainers', { params: { path: { id: courseId } }, body: { email } })),
    // The answer is the course's trainers as they now are.
    onSuccess: (trainers, { courseId }) => client.setQueryData(trainersKeys.list(courseId), trainers),
  });
}

export function useRemoveTrainer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, userId }: { courseId: string; userId: string }) =>
      unwrap(api.DELETE('/api/courses/{id}/trainers/{userId}', { params: { path: { id: courseId, userId } } })),
    onSuccess: (_, { courseId, userId }) =>
      client.setQueryData<TrainerList>(trainersKeys.list(courseId), (list) =>
        list ? { items: list.items.filter((trainer) => trainer.userId !== userId), total: list.total - 1 } : list,
      ),
  });
}

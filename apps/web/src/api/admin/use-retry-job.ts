import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../pending';
import { failedJobsKeys } from './use-failed-jobs';
import { mailKeys } from './use-mail';

/** Puts a failed job back in its queue. It leaves the dead letters; a mail job may add a message. */
export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<void>('POST', `/api/admin/jobs/${encodeURIComponent(id)}/retry`),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: failedJobsKeys.all }), client.invalidateQueries({ queryKey: mailKeys.all })]),
  });
}

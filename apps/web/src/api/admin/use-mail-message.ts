import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { mailKeys } from './use-mail';

/** One message with its text and HTML, when they are kept (admins). */
export const mailMessageQuery = (id: string) =>
  queryOptions({
    queryKey: mailKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/admin/mail/{id}', { params: { path: { id } } })),
    // A message does not change once kept.
    staleTime: Infinity,
  });

export function useMailMessage(id: string) {
  return useQuery(mailMessageQuery(id));
}

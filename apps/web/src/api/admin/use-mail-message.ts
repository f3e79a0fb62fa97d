import { queryOptions, useQuery } from '@tanstack/react-query';
import { sendJson, type MailMessage } from '../pending';
import { mailKeys } from './use-mail';

/** One message with its text and HTML (admins). */
export const mailMessageQuery = (id: string) =>
  queryOptions({
    queryKey: mailKeys.one(id),
    queryFn: () => sendJson<MailMessage>('GET', `/api/admin/mail/${encodeURIComponent(id)}`),
    // A message does not change once kept.
    staleTime: Infinity,
  });

export function useMailMessage(id: string) {
  return useQuery(mailMessageQuery(id));
}

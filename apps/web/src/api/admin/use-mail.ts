import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** A page of the mail list. */
export const MAIL_PAGE_SIZE = 25;

export const mailKeys = {
  all: ['admin', 'mail'] as const,
  list: (limit: number, offset: number) => [...mailKeys.all, 'list', limit, offset] as const,
  one: (id: string) => [...mailKeys.all, 'one', id] as const,
};

/** The messages the platform sent or kept, newest first (admins). */
export const mailQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: mailKeys.list(limit, offset),
    queryFn: () => unwrap(api.GET('/api/admin/mail', { params: { query: { limit, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useMail(limit: number, offset: number) {
  return useQuery(mailQuery(limit, offset));
}

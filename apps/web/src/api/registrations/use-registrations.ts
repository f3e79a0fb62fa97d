import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { UserStatus } from '@ctlp/contracts';
import { api, unwrap } from '../client';

/** A page of the vetting queue. */
export const REGISTRATIONS_PAGE_SIZE = 25;

export const registrationsKeys = {
  all: ['registrations'] as const,
  list: (status: UserStatus, limit: number, offset: number) => [...registrationsKeys.all, status, limit, offset] as const,
};

/** Registrations of the caller's State (every State for an admin) by status, a page at a time. */
export const registrationsQuery = (status: UserStatus, limit: number, offset: number) =>
  queryOptions({
    queryKey: registrationsKeys.list(status, limit, offset),
    queryFn: () => unwrap(api.GET('/api/registrations', { params: { query: { status, limit, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useRegistrations(status: UserStatus, limit: number, offset: number) {
  return useQuery(registrationsQuery(status, limit, offset));
}

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export interface UserFilters {
  q?: string;
  role?: Schemas['Role'];
  status?: Schemas['UserStatus'];
  memberState?: string;
  limit: number;
  offset: number;
}

/** A page of the users list. */
export const USERS_PAGE_SIZE = 25;

export const usersKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...usersKeys.all, filters] as const,
};

/** Every account, filtered, a page at a time (admins). */
export const usersQuery = (filters: UserFilters) =>
  queryOptions({
    queryKey: usersKeys.list(filters),
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });

export function useUsers(filters: UserFilters) {
  return useQuery(usersQuery(filters));
}

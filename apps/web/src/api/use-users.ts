import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client';

export const usersKey = ['users'] as const;

export interface UserFilters {
  q?: string;
  role?: Schemas['Role'];
  status?: Schemas['UserStatus'];
  memberState?: string;
  limit: number;
  offset: number;
}

export const usersQuery = (filters: UserFilters) =>
  queryOptions({
    queryKey: [...usersKey, filters],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });

export function useUsers(filters: UserFilters) {
  return useQuery(usersQuery(filters));
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateUserDto'] }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { apiTokensKeys } from './use-api-tokens';

/** Revokes one of the caller's tokens: scripts using it are refused from now on. */
export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (_nothing, id) => {
      client.setQueryData<Schemas['ApiTokenListDto']>(
        apiTokensKeys.all,
        (list) => list && { items: list.items.filter((t) => t.id !== id) },
      );
      return client.invalidateQueries({ queryKey: apiTokensKeys.all });
    },
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { apiTokensKeys } from './use-api-tokens';

/** A new token; the answer is the only time the token itself is shown. */
export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateApiTokenDto']) => unwrap(api.POST('/api/me/tokens', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: apiTokensKeys.all }),
  });
}

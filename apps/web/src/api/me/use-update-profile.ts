import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { meKeys } from './use-me';

/** Name, institution, job title and interface language of the signed-in official. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateProfileDto']) => unwrap(api.PATCH('/api/auth/me', { body })),
    // The header and every page read the user from here; the language follows (AppLayout).
    onSuccess: ({ user }) => client.setQueryData(meKeys.all, user),
  });
}

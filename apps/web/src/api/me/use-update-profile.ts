import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '../client';
import { sendJson, type ProfileChanges } from '../pending';
import { meKeys } from './use-me';

/** Name, institution, job title and interface language of the signed-in official. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => sendJson<{ user: User }>('PATCH', '/api/auth/me', changes),
    // The header and every page read the user from here; the language follows (AppLayout).
    onSuccess: ({ user }) => client.setQueryData(meKeys.all, user),
  });
}

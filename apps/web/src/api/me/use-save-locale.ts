import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { meKeys } from './use-me';

/** The interface language, remembered in the profile of a signed-in user. */
export function useSaveLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Schemas['Locale']) => unwrap(api.PATCH('/api/auth/me', { body: { locale } })),
    onSuccess: ({ user }) => client.setQueryData(meKeys.all, user),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas, type User } from '../client';
import { meKeys } from '../me/use-me';
import { usersKeys } from './use-users';

type UserList = Schemas['UserListDto'];

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateUserDto'] }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    // The row shows the answer at once; the lists refetch, as the change may move the person out
    // of a filter. An admin who changed their own account sees it in the header too.
    onSuccess: ({ user }) => {
      client.setQueriesData<UserList>({ queryKey: usersKeys.all }, (list) =>
        list ? { ...list, items: list.items.map((item) => (item.id === user.id ? user : item)) } : list,
      );
      if (client.getQueryData<User | null>(meKeys.all)?.id === user.id) client.setQueryData(meKeys.all, user);
      return client.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}

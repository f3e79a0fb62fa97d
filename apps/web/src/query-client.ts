import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/** The app's query cache, alike in the browser and in the server's renderer (which never retries). */
export function createQueryClient({ server = false } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not heal by retrying; a flaky connection might.
        retry: server
          ? false
          : (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
        // The server renders a failed read (a course that does not exist: its 404) as it failed,
        // never as loading again.
        retryOnMount: !server,
        // What a route's loader has just fetched is not fetched again when its page mounts a moment
        // later; our own changes invalidate or rewrite what they affect (see src/api/).
        staleTime: 10_000,
      },
    },
  });
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { initI18n } from './i18n';
import { createAppRouter } from './routes';
import { registerServiceWorker } from './offline/register';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not heal by retrying; a flaky connection might.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      // What a route's loader has just fetched is not fetched again when its page mounts a moment
      // later; our own changes invalidate or rewrite what they affect (see src/api/).
      staleTime: 10_000,
    },
  },
});

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={null}>
        <RouterProvider router={createAppRouter(queryClient)} />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
registerServiceWorker();

import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense, useEffect, type ReactNode } from 'react';

/** The providers around the router, the same in the browser and in the server's renderer (hydration matches). */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <StrictMode>
      <QueryClientProvider client={client}>
        <Suspense fallback={null}>{children}</Suspense>
      </QueryClientProvider>
    </StrictMode>
  );
}

/**
 * Marks the page as running (`<html data-hydrated>`) once React has taken over the markup: the
 * moment its controls respond. The first-visit measurements wait for it (and read the
 * `ctlp:hydrated` performance mark).
 */
export function MarkHydrated() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
    performance.mark('ctlp:hydrated');
  }, []);
  return null;
}

import { hydrate } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { matchRoutes, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders, MarkHydrated } from './App';
import { initI18n } from './i18n';
import { createQueryClient } from './query-client';
import { readRenderedPage } from './rendered-page';
import { appRoutes, createAppRouter, startInBrowser } from './routes';
import { registerServiceWorker } from './offline/register';
import './styles.css';

const queryClient = createQueryClient();
const routes = appRoutes(startInBrowser(queryClient));
const rendered = readRenderedPage();
const root = document.getElementById('root')!;

/**
 * The page's lazy routes, loaded before hydrating: the router would otherwise render its fallback
 * in place of the server's markup while their code arrives (the HTML preloads it).
 */
async function resolveLazyRoutes(list: RouteObject[]): Promise<void> {
  const matches = matchRoutes(list, window.location) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      Object.assign(route, await route.lazy(), { lazy: undefined });
    }),
  );
}

/** Made once the page's lazy routes are resolved: the router takes the routes as they are then. */
const app = () => (
  <AppProviders client={queryClient}>
    <RouterProvider router={createAppRouter(routes, rendered?.router)} />
    <MarkHydrated />
  </AppProviders>
);

if (rendered) {
  hydrate(queryClient, rendered.queries);
  await Promise.all([initI18n(rendered), resolveLazyRoutes(routes)]);
  // A page the server saw fail (a course that does not exist: its 404) is drawn afresh from the
  // same data rather than hydrated: its failed query would otherwise show as loading for the first
  // render and mismatch. Its query is not asked again: the page shows the same not-found state.
  const failed = rendered.queries.queries.filter((query) => query.state.status === 'error');
  for (const query of failed) queryClient.setQueryDefaults(query.queryKey, { retryOnMount: false });
  if (failed.length === 0) hydrateRoot(root, app());
  else createRoot(root).render(app());
} else {
  await initI18n();
  createRoot(root).render(app());
}
registerServiceWorker();

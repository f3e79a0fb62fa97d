import { createRoot } from 'react-dom/client';
import { createPath, RouterProvider } from 'react-router';
import { AppProviders } from './App';
import { initI18n } from './i18n';
import { createQueryClient } from './query-client';
import { appRoutes, createAppRouter, startInBrowser } from './routes';
import { newVersionReady, registerServiceWorker } from './offline/register';
import './styles.css';

// The app, on every page but the public ones the server renders for a visitor without a session
// (those are plain HTML with src/public-page.ts; see apps/api/src/web-app/).
const queryClient = createQueryClient();
const router = createAppRouter(appRoutes(startInBrowser(queryClient)));

await initI18n();
createRoot(document.getElementById('root')!).render(
  <AppProviders client={queryClient}>
    <RouterProvider router={router} />
  </AppProviders>,
);
registerServiceWorker();

// A new version took over while this page was open: the next page opens as a whole new load (its
// code from the new version) rather than in this page, whose own lazy chunks were replaced.
router.subscribe(({ navigation }) => {
  if (navigation.state === 'loading' && newVersionReady()) window.location.assign(createPath(navigation.location));
});
window.addEventListener('vite:preloadError', (event) => {
  if (!newVersionReady()) return;
  event.preventDefault();
  window.location.reload();
});

/** Set once a new version's worker has taken over this page (its old cached chunks are gone). */
let newVersionWaiting = false;

/** Whether the next navigation should load the new version as a whole page (see main.tsx). */
export const newVersionReady = () => newVersionWaiting;

/**
 * Registers the service worker once the page has loaded, from a chunk of its own
 * (`virtual:pwa-register`, workbox-window): the first page's JavaScript does not grow, and the
 * worker's precaching never competes with the page for a slow link.
 *
 * When a deployment brings a new worker it takes over at once (skipWaiting, clientsClaim), but the
 * page is never reloaded under the learner: a quiz half answered or a form half filled stays. The
 * new version loads at the next navigation instead (main.tsx), the moment a page changes anyway.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () =>
    void import('virtual:pwa-register').then(({ registerSW }) =>
      registerSW({
        immediate: true,
        onNeedReload: () => {
          newVersionWaiting = true;
        },
      }),
    );
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

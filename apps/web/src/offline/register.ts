/**
 * Registers the service worker once the page has loaded, from a chunk of its own
 * (`virtual:pwa-register`, workbox-window): the first page's JavaScript does not grow, and the
 * worker's precaching never competes with the page for a slow link.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () => void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/* global self, caches */
// Imported by the service worker Workbox generates (vite.config.ts, `importScripts`), before its
// own routes: this listener answers first.
//
// - Navigations (outside /api): the network first, so a fresh (server-rendered) page when online;
//   the precached app shell when the network fails.
// - GETs of the API: only while the learner has saved a course for offline (caches named
//   `ctlp-offline:<user>:<course>`, written by the page, src/offline/saved-courses.ts): the
//   network first, the saved copy when the network fails. Otherwise the API is not touched: its
//   answers are personal and never cached here.
const SAVED_PREFIX = 'ctlp-offline:';
let savedCaches = [];

async function refreshSaved() {
  savedCaches = (await caches.keys()).filter((name) => name.startsWith(SAVED_PREFIX));
}
const ready = refreshSaved();

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'saved-courses-changed') event.waitUntil(refreshSaved());
});

async function fromSaved(request) {
  await ready;
  for (const name of savedCaches) {
    // ignoreVary: public reads vary on Accept-Language (and the session); the saved copy was stored
    // under a bare URL, so a Vary check would never find it. Each cache is one user's anyway.
    const hit = await (await caches.open(name)).match(request, { ignoreVary: true });
    if (hit) return hit;
  }
  return undefined;
}

async function networkThenSaved(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await fromSaved(request);
    if (saved) return saved;
    throw error;
  }
}

async function networkThenShell(request) {
  try {
    return await fetch(request);
  } catch (error) {
    // Workbox keys precached files with a revision parameter: ignore it.
    const shell = await caches.match('/index.html', { ignoreSearch: true });
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
  if (request.mode === 'navigate' && !api) event.respondWith(networkThenShell(request));
  else if (api && savedCaches.length) event.respondWith(networkThenSaved(request));
});

// A first visit over a slow link, measured in Chromium: shared by first-visit.test.mjs (which
// asserts what the page does and prints the figures) and bench/first-visit.mjs (which prints them).

/** The link the platform's users often have: 400 ms round trip, 400 kbit/s both ways. */
export const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

/**
 * Opens `path` in a fresh context (no cache, no service worker, no cookie but `cookies`) over
 * SLOW_LINK and reports, from navigation start: the first contentful paint; `usableMs`, the moment
 * the page's script has run (`<html data-interactive>`, src/public-page.ts: its links and search
 * form answer from the HTML alone, the menu and language choice from then on); the requests and
 * bytes (as transferred) until then and a second
 * later; the cumulative layout shift; the first response's HTML; and the console's errors. The
 * page stays open (`page`, `close()`) for the caller to use the catalog.
 */
export async function firstVisit(
  browser,
  baseUrl,
  { path = '/courses', locale = 'en-GB', cookies = [], viewport = { width: 412, height: 823 } } = {},
) {
  const context = await browser.newContext({ locale, viewport, baseURL: baseUrl, serviceWorkers: 'block' });
  if (cookies.length) await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: baseUrl })));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  const requests = [];
  const bytes = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => requests.push({ requestId, url: request.url }));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => bytes.set(requestId, encodedDataLength));
  let firstHtml;
  const documentResponse = page.waitForResponse((response) => response.request().resourceType() === 'document');
  await page.goto(path, { waitUntil: 'commit' });
  const response = await documentResponse;
  firstHtml = await response.text();
  await page.waitForFunction(() => document.documentElement.dataset.interactive === 'true', null, { timeout: 60_000 });
  const atUsable = { requests: requests.length, bytes: [...bytes.values()].reduce((a, b) => a + b, 0) };
  await page.waitForTimeout(1000);
  const timings = await page.evaluate(() => ({
    fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    usableMs: performance.getEntriesByName('ctlp:interactive')[0]?.startTime,
    cls: window.__cls,
  }));
  return {
    ...timings,
    status: response.status(),
    requests: requests.length,
    bytes: [...bytes.values()].reduce((a, b) => a + b, 0),
    atUsable,
    urls: requests.map((r) => r.url.replace(baseUrl, '')),
    firstHtml,
    errors,
    page,
    close: () => context.close(),
  };
}

/** Types a search into the catalog and waits for the page of results (the server renders it); how long that took (ms). */
export async function searchCatalog(page, words) {
  const started = Date.now();
  await page.getByRole('searchbox').fill(words);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('q') === words, { waitUntil: 'domcontentloaded' }),
    page.getByRole('searchbox').press('Enter'),
  ]);
  return Date.now() - started;
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
export const seconds = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

/** One line of figures. */
export function describe(label, visit) {
  return `${label}: FCP ${seconds(visit.fcpMs)}, usable ${seconds(visit.usableMs)}, CLS ${visit.cls.toFixed(3)}, ${visit.atUsable.requests} requests / ${kb(visit.atUsable.bytes)} until usable (${visit.requests} / ${kb(visit.bytes)} a second later)`;
}

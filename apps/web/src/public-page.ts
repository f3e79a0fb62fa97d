/*
 * The only script of a public page the server rendered for a visitor without a session (the home
 * page, the catalog, a course, a verification, "not found"). Those pages are plain HTML: their links
 * and their GET forms (the catalog's search and filters) work without any script, so they are not
 * hydrated and the app's code (React, the router, the query cache: ~140 KB) stays off a slow link
 * until the visitor opens a page that needs it (sign in, register). What HTML cannot do alone is
 * here: the phone's menu button and the language choice. No imports: this is its own small chunk.
 */
const LOCALE_KEY = 'ctlp.locale'; // the cookie the server renders by, and the app's stored choice (src/i18n.ts)

const toggle = document.querySelector<HTMLButtonElement>('.menu-toggle');
const menu = document.getElementById('site-menu');
toggle?.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  menu?.classList.toggle('open', open);
});

const language = document.querySelector<HTMLSelectElement>('.language-switcher select');
language?.addEventListener('change', () => {
  const locale = language.value;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Storage refused (private mode): the cookie alone carries the choice to the server.
  }
  document.cookie = `${LOCALE_KEY}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
  // The server renders the same page again in the chosen language.
  window.location.reload();
});

// The page answers from here on: the first-visit measurements read this mark (browser/first-visit-measure.mjs).
document.documentElement.dataset.interactive = 'true';
performance.mark('ctlp:interactive');

/*
 * The server's renderer of the public pages (the home page for visitors, the catalog, a course,
 * a certificate's verification, "not found"), built by `vite build --ssr` into dist-ssr/ and called
 * by the API (apps/api/src/web-app/). It renders the same route table and components as the
 * browser, with React Router's static handler running the loaders (which wait for their queries
 * here), and returns the markup. The browser does not hydrate it: the page is plain HTML whose links
 * and GET forms work as they are, with src/public-page.ts for its menu and language choice.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider, type RouteObject } from 'react-router';
import type { Locale } from '@ctlp/contracts';
import { ApiError, setTransport } from './api/client';
import { meKeys } from './api/me/use-me';
import { AppProviders } from './App';
import { setServerLocale, type Resources } from './i18n';
import { createQueryClient } from './query-client';
import { appRoutes, prefetchAndWait } from './routes';

/** The namespaces public pages use: the shell's and the course pages'. */
const NAMESPACES = ['common', 'courses'] as const;

const catalogs = import.meta.glob<Record<string, unknown>>('./locales/*/{common,courses}.json', { eager: true, import: 'default' });

function resourcesOf(locale: Locale): Resources {
  return { [locale]: Object.fromEntries(NAMESPACES.map((ns) => [ns, catalogs[`./locales/${locale}/${ns}.json`]!])) };
}

/** Each render's way to the API and its language, so concurrent renders never share them. */
const renders = new AsyncLocalStorage<{ send: (request: Request) => Promise<Response>; locale: Locale }>();
setTransport((request) => {
  const send = renders.getStore()?.send;
  if (!send) throw new Error('An API request outside a server render');
  return send(request);
});
// Loaders' queries name the reader's language (the catalog shows each course in it): the page's.
setServerLocale(() => renders.getStore()?.locale);

export interface RenderInput {
  /** The path and query asked for. */
  url: string;
  locale: Locale;
  /** Answers the page's API requests (in-process, on the API itself). */
  send: (request: Request) => Promise<Response>;
}

export interface RenderOutput {
  status: number;
  /** The markup that goes inside #root. */
  html: string;
}

/** Only these render on the server; any other page is the shell, as before. */
function isPublic(route: RouteObject): boolean {
  return Boolean(route.index || route.path === '*' || (route.handle as { serverRendered?: boolean } | undefined)?.serverRendered);
}

/** Renders a public page for a visitor without a session; undefined for any other page. */
export async function render({ url, locale, send }: RenderInput): Promise<RenderOutput | undefined> {
  return renders.run({ send, locale }, async () => {
    const client = createQueryClient({ server: true });
    // Rendered only for requests without a session cookie: nobody is signed in.
    client.setQueryData(meKeys.all, null);
    client.setQueryData(meKeys.mfa, null);
    const handler = createStaticHandler(appRoutes((queries) => prefetchAndWait(client, queries)));
    const context = await handler.query(new Request(new URL(url, 'http://ctlp.internal')));
    if (context instanceof Response) return undefined;
    const leaf = context.matches.at(-1)?.route;
    if (!leaf || !isPublic(leaf)) return undefined;

    const i18n = i18next.createInstance();
    await i18n.use(initReactI18next).init({
      lng: locale,
      resources: resourcesOf(locale),
      ns: [...NAMESPACES],
      defaultNS: 'common',
      fallbackNS: 'common',
      fallbackLng: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
      initAsync: false,
    });
    const router = createStaticRouter(handler.dataRoutes, context);
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <AppProviders client={client}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </AppProviders>
      </I18nextProvider>,
    );
    const notFound =
      leaf.path === '*' ||
      client
        .getQueryCache()
        .getAll()
        .some((query) => query.state.error instanceof ApiError && query.state.error.status === 404);
    return { status: notFound ? 404 : context.statusCode, html };
  });
}

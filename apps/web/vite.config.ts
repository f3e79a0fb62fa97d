import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const LIBRARIES = /[\\/]node_modules[\\/]/;
const APP = /[\\/]src[\\/]/;
// The entry modules stay in their entry chunks: the app's (main.tsx, the first script the shell
// names, big enough to precompress) and the public pages' own small script (public-page.ts, which
// must not pull in the shell's chunk).
const ENTRY = /[\\/]src[\\/](main\.tsx|public-page\.ts)$/;

/**
 * The shell (index.html) preloads the English `common` catalog: every language falls back to it,
 * so it is always fetched, and preloaded it comes with the first wave instead of after the code
 * that asks for it. (Pages the server renders need no catalog in the browser: their text is in the HTML.)
 */
function preloadFallbackCatalog(): Plugin {
  return {
    name: 'ctlp-preload-fallback-catalog',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/src/locales/en/common.json'),
        );
        if (!chunk) return html;
        return html.replace('</head>', `    <link rel="modulepreload" crossorigin href="/${chunk.fileName}">\n  </head>`);
      },
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    react(),
    preloadFallbackCatalog(),
    // Installable and offline (README "Offline"): the manifest is public/manifest.webmanifest, the
    // service worker precaches the app (its scripts, styles, catalogs and index.html) and adds
    // public/offline-sw.js for navigations and saved courses. Registered by src/offline/register.ts
    // after the page has loaded, never by a script in index.html.
    // Not for the server renderer's build (dist-ssr/), which has no pages to cache.
    !isSsrBuild &&
      VitePWA({
        registerType: 'autoUpdate',
        injectRegister: false,
        manifest: false,
        workbox: {
          globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
          // The entry's vendor chunk is ~420 KB before compression.
          maximumFileSizeToCacheInBytes: 1024 * 1024,
          importScripts: ['/offline-sw.js'],
          // Navigations are answered by offline-sw.js (network first, the shell offline).
          navigateFallback: null,
          cleanupOutdatedCaches: true,
          clientsClaim: true,
          skipWaiting: true,
        },
      }),
  ],
  // The server's renderer (dist-ssr/, `vite build --ssr`) is one file with its libraries in it, so
  // the API imports it without resolving the web app's packages (or their CommonJS) at run time.
  ssr: { noExternal: true, target: 'node' },
  // The server's renderer is a production build whatever NODE_ENV the API runs under: React's
  // development builds, chosen at run time otherwise, are left out of dist-ssr/.
  ...(isSsrBuild ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  server: {
    // `npm run dev`: the API runs on 3000; the browser talks to Vite only.
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: isSsrBuild
    ? {
        outDir: 'dist-ssr',
        emptyOutDir: true,
        sourcemap: false,
        target: 'node20',
        copyPublicDir: false,
        // One file: the server has no use for lazy chunks. Escaped to ASCII: the file holds six
        // languages' catalogs, and one non-Latin-1 character makes V8 keep the whole 3 MB source as a
        // two-byte string in the API's heap for as long as it runs (issue 22).
        rolldownOptions: { output: { codeSplitting: false, charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } } },
      }
    : {
        outDir: 'dist',
        emptyOutDir: true,
        sourcemap: false,
        target: 'es2022',
        // Which chunks hold a page's code: the API preloads them with the pages it renders.
        manifest: true,
        rolldownOptions: {
          // The app (index.html) and the script of the public pages the server renders (src/public-page.ts).
          input: {
            index: fileURLToPath(new URL('index.html', import.meta.url)),
            'public-page': fileURLToPath(new URL('src/public-page.ts', import.meta.url)),
          },
          output: {
            codeSplitting: {
              // What every first page loads, in two chunks rather than a dozen small ones (each with its
              // own request and gzip overhead): the libraries, which change rarely and stay cached, and
              // the shell's own modules (layout, route table with its loaders' queries, API client).
              // Pages, their mutations and the catalogs stay in chunks loaded on demand.
              groups: [
                { name: 'vendor', test: LIBRARIES, tags: ['$initial'], priority: 2 },
                { name: 'shell', test: (id) => APP.test(id) && !ENTRY.test(id), tags: ['$initial'], priority: 1 },
              ],
            },
          },
        },
      },
}));

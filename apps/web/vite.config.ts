import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const LIBRARIES = /[\\/]node_modules[\\/]/;
const APP = /[\\/]src[\\/]/;
// The entry module stays in the entry chunk: the first script the page names, and big enough
// (over 1 KB) for scripts/after-build.mjs to precompress it.
const ENTRY = /[\\/]src[\\/]main\.tsx$/;

export default defineConfig({
  plugins: [
    react(),
    // Installable and offline (README "Offline"): the manifest is public/manifest.webmanifest, the
    // service worker precaches the app (its scripts, styles, catalogs and index.html) and adds
    // public/offline-sw.js for navigations and saved courses. Registered by src/offline/register.ts
    // after the page has loaded, never by a script in index.html.
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
  server: {
    // `npm run dev`: the API runs on 3000; the browser talks to Vite only.
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
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
});

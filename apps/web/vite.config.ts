import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const LIBRARIES = /[\\/]node_modules[\\/]/;
const APP = /[\\/]src[\\/]/;
// The entry module stays in the entry chunk: the first script the page names, and big enough
// (over 1 KB) for scripts/after-build.mjs to precompress it.
const ENTRY = /[\\/]src[\\/]main\.tsx$/;

export default defineConfig({
  plugins: [react()],
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

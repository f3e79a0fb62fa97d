// After `vite build`: fail when the first page's JavaScript passes its budget or the server's
// renderer is not the lean build the API keeps in memory, then write .br and .gz next to every text
// asset so the server sends them compressed without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = path.resolve(import.meta.dirname, '../dist');
const BUDGET_BYTES = 154 * 1024; // gzipped, with the English catalog the shell preloads; see bench/README.md

const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const firstPage = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const sizes = firstPage.map((file) => ({ file, gzip: gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`First page JavaScript: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)}), ${sizes.length} files`);
if (total > BUDGET_BYTES) {
  for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.error(`  ${kb(s.gzip).padStart(9)}  ${s.file}`);
  console.error('The first page loads more JavaScript than the budget allows: load the new code on demand (route-level lazy()) instead.');
  process.exit(1);
}

// The API holds the renderer's source for as long as it runs: one character past Latin-1 makes V8
// keep all of it as a two-byte string (twice the memory), and React's development builds are dead
// weight there (vite.config.ts: charset, define).
const SSR = path.resolve(import.meta.dirname, '../dist-ssr/entry-server.js');
const renderer = readFileSync(SSR, 'utf8');
const wide = renderer.search(/[^ -~\t\n\r]/);
if (wide >= 0) {
  console.error(
    `dist-ssr/entry-server.js has a character past printable ASCII at ${wide}: ${JSON.stringify(renderer.slice(wide - 40, wide + 10))}`,
  );
  process.exit(1);
}
if (/require_react\w*_development|react(-dom)?\.development/.test(renderer)) {
  console.error('dist-ssr/entry-server.js holds a React development build: process.env.NODE_ENV is not defined for the server build');
  process.exit(1);
}
console.log(`Server renderer: ${kb(renderer.length)}, ASCII, production React`);

let written = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (/\.(js|css|html|json|svg|txt|map)$/.test(name)) {
      const data = readFileSync(file);
      if (data.length < 1024) continue;
      writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      written++;
    }
  }
}
walk(DIST);
console.log(`Precompressed ${written} files (.br, .gz)`);

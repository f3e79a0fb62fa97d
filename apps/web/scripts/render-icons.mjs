// Renders the app's icons (public/icon-192.png, icon-512.png, icon-maskable-512.png) from
// public/icon.svg with the Chromium the browser tests use. Run once after changing the SVG and
// commit the PNGs: `node scripts/render-icons.mjs` (CHROMIUM_PATH or /usr/bin/chromium).
// The maskable icon draws the same mark inside the safe zone (the inner 80 %) on a full-bleed
// background, as launchers crop it to a circle or a squircle.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PUBLIC = path.resolve(import.meta.dirname, '../public');
const svg = readFileSync(path.join(PUBLIC, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
for (const [file, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? size * 0.8 : size;
  await page.setContent(
    `<body style="margin:0;background:${maskable ? '#0b5aa2' : 'transparent'};display:grid;place-items:center;width:${size}px;height:${size}px">` +
      `<img src="${url}" width="${inner}" height="${inner}"></body>`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  await page.screenshot({ path: path.join(PUBLIC, file), omitBackground: !maskable });
}
await browser.close();

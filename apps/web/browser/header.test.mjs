// The header on a phone: one line with a Menu button instead of two or three lines of links.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

const headerHeight = (page) => page.locator('.site-header').evaluate((header) => header.getBoundingClientRect().height);

test('on a phone the navigation folds behind Menu, which opens, leads to a page and closes; on a desk it is all in view', async () => {
  for (const locale of ['en', 'ar']) {
    const email = await createAccount(platform, { roles: ['learner', 'focal_point'], locale, fullName: `Menu ${locale}` });
    await platform.db.query(`UPDATE users SET status = 'pending' WHERE email = $1`, [
      await createAccount(platform, { fullName: `Waiting ${locale}`, memberState: 'KEN' }),
    ]);
    const phone = await newPage(platform, { locale, viewport: { width: 390, height: 844 }, bypassCSP: true });
    await logIn(phone, email);
    await phone.goto('/courses');
    const nav = phone.locator('.site-header nav');
    const menu = phone.locator('.menu-toggle');
    await menu.waitFor();
    assert.equal(await nav.isVisible(), false);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    // One line: the brand and the button (it was 170 px with the links wrapped).
    assert.ok((await headerHeight(phone)) < 90, `header ${await headerHeight(phone)} px`);
    // The folded menu still says that registrations wait.
    assert.match(await menu.innerText(), /\d/);

    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.waitFor();
    assert.deepEqual(await axeViolations(phone), [], locale);
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false);
    await nav.locator('a[href="/learning"]').click();
    await phone.waitForURL('**/learning');
    await nav.waitFor({ state: 'hidden' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(phone.errors, []);

    const desk = await newPage(platform, { locale, viewport: { width: 1366, height: 768 } });
    await logIn(desk, email);
    await desk.goto('/courses');
    await desk.locator('.site-header nav a[href="/learning"]').waitFor();
    assert.equal(await desk.locator('.menu-toggle').isVisible(), false);
  }
});

// Personal API tokens and the audit log, in Chromium against the real API: an admin makes a token
// on the profile page, a script exports a report with it, and the audit log shows that use.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const PHONE = { width: 390, height: 844 };

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test('an admin makes a token, a script exports a report with it, and the audit log shows the use and downloads as CSV', async () => {
  const email = await createAccount(platform, { roles: ['admin'], fullName: 'Amina Script' });
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto('/profile');
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await tokens.getByText('No token yet.').waitFor();
  await tokens.getByLabel('Name').fill('Quarterly export');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/me/tokens') && r.request().method() === 'POST');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  assert.equal((await created).status(), 201);
  const token = await tokens.getByLabel('Token', { exact: true }).inputValue();
  assert.match(token, /^ctlp_pat_[A-Za-z0-9_-]{43}$/);
  assert.match(await tokens.locator('pre code').textContent(), /Authorization: Bearer ctlp_pat_.*format=csv/s);
  await tokens.getByRole('row', { name: /Quarterly export/ }).waitFor();

  // The script: no cookie, only the token.
  const response = await fetch(`${platform.baseUrl}/api/reports/member-states?format=csv`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/csv/);
  await response.text();
  const refused = await fetch(`${platform.baseUrl}/api/users`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 403);

  // The audit log, filtered by that admin: the token's use is there.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Actor').fill(email);
  await page.getByLabel('Action', { exact: true }).fill('api_token.*');
  const listed = page.waitForResponse((r) => r.url().includes('/api/audit-events?') && r.url().includes('actor='));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  assert.equal((await listed).status(), 200);
  assert.match(page.url(), /actor=.*action=api_token/);
  await page.getByRole('cell', { name: 'api_token.used' }).waitFor();
  await page.getByRole('cell', { name: 'api_token.created' }).waitFor();
  assert.match(await page.locator('main tbody').textContent(), /route: \/api\/reports\/member-states/);

  // The CSV link downloads the same events.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  assert.match(csv, /^\uFEFF"id","createdAt"/);
  assert.match(csv, /"api_token\.used"/);
  assert.match(csv, /"api_token\.created"/);
  assert.doesNotMatch(csv, /"report\.exported"/);

  // Reloading keeps the filters (they live in the address); a filter that matches nothing says so.
  await page.reload();
  assert.equal(await page.getByLabel('Actor').inputValue(), email);
  await page.getByLabel('Action', { exact: true }).fill('nothing.here');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No event matches these filters.').waitFor();
  // A bad value is named on its field.
  await page.getByLabel('Actor').fill('not an email');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('.field-invalid input').first().waitFor();

  // Revoking: the script is refused from then on.
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Revoke Quarterly export' }).click();
  await page.getByText('Token revoked').waitFor();
  const afterRevoke = await fetch(`${platform.baseUrl}/api/reports/member-states`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(afterRevoke.status, 401);
  assert.deepEqual(page.errors, []);
});

test('the audit log and the tokens section pass axe in English and Arabic and do not scroll sideways on a phone', async () => {
  for (const language of ['en', 'ar']) {
    const email = await createAccount(platform, { roles: ['admin'], locale: language, fullName: `Admin ${language}` });
    for (const viewport of [undefined, PHONE]) {
      const page = await newPage(platform, {
        locale: language === 'ar' ? 'ar' : 'en-GB',
        bypassCSP: true,
        ...(viewport ? { viewport } : {}),
      });
      await logIn(page, email);
      await page.goto('/profile');
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await page.locator('#profile-api-tokens').waitFor();
      await page.locator('#profile-api-tokens').locator('..').locator('input[type=text]').first().fill(`Token ${language}`);
      await page.locator('#profile-api-tokens').locator('..').locator('button[type=submit]').click();
      await page.locator('.new-token pre').waitFor();
      await page.waitForLoadState('networkidle');
      if (language === 'ar') assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.deepEqual(await axeViolations(page), [], `${language} /profile`);
      if (viewport) assert.equal(await overflowsSideways(page), false, `${language} /profile scrolls sideways`);

      await page.goto('/admin/audit');
      await page.locator('main table tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), [], `${language} /admin/audit`);
      if (viewport) {
        assert.equal(await overflowsSideways(page), false, `${language} /admin/audit scrolls sideways`);
        assert.ok((await page.locator('main tbody td[data-label]').count()) > 0);
      }
      await screenshot(page, `audit-${language}${viewport ? '-phone' : ''}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** The Arabic catalog the page is expected to read its words from. */
const ar = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales/ar/common.json'), 'utf8'));

/** Every error text the page shows: summaries and the messages under fields. */
async function visibleErrorTexts(page) {
  const texts = await page
    .locator('.form-error, .field-error, [role=alert]')
    .evaluateAll((nodes) => nodes.filter((node) => node.offsetParent !== null).map((node) => node.innerText.trim()));
  return texts.filter(Boolean);
}

/** The message tied to the labelled control (aria-describedby), and whether it is marked invalid. */
async function fieldError(page, label) {
  const control = page.getByLabel(label, { exact: true });
  const { invalid, describedBy } = await control.evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    describedBy: el.getAttribute('aria-describedby') ?? '',
  }));
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  return { invalid, text: errorId ? (await page.locator(`[id="${errorId}"]`).innerText()).trim() : undefined };
}

async function switchToArabic(page) {
  await page.locator('.language-switcher select').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'ar');
}

async function submit(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/register') && r.request().method() === 'POST'),
    page.locator('main form button[type=submit]').click(),
  ]);
  return response;
}

test('registration refused by the server, in Arabic: each bad field says why under it, and no error text is in Latin letters', async () => {
  const page = await newPage(platform, { locale: 'en-GB' });
  await page.goto('/register');
  await page.locator('main form').waitFor();
  await switchToArabic(page);

  // Nothing is checked in the page: the server names every bad field.
  await page.getByLabel(ar.fields.email, { exact: true }).fill('not-an-email');
  await page.getByLabel(ar.fields.password, { exact: true }).fill('password123456');
  const response = await submit(page);
  assert.equal(response.status(), 400);
  const body = await response.json();
  assert.equal(body.code, 'validation_failed');

  // Each field the server named, with the code it gave: the page shows that code's Arabic text under the field.
  const expected = [
    ['email', 'not_email'],
    ['password', 'password_too_common'],
    ['fullName', 'required'],
    ['memberState', 'required'],
    ['institution', 'required'],
    ['agencyType', 'not_one_of'],
    ['jobTitle', 'required'],
    ['gender', 'not_one_of'],
  ];
  assert.deepEqual(
    Object.fromEntries(Object.entries(body.fields).map(([name, field]) => [name, field.code])),
    Object.fromEntries(expected),
  );
  await page.locator('.field-error').first().waitFor();
  for (const [name, code] of expected) {
    assert.deepEqual(await fieldError(page, ar.fields[name]), { invalid: 'true', text: ar.fieldErrors[code] }, name);
  }
  await page.getByRole('alert').filter({ hasText: ar.errors.checkFields }).waitFor();
  await screenshot(page, 'register-errors-ar');
  const texts = await visibleErrorTexts(page);
  assert.ok(texts.length >= expected.length + 1, texts.join('\n'));
  for (const text of texts) assert.doesNotMatch(text, /[A-Za-z]/, `an error shown in Latin letters: "${text}"`);

  // An account that exists.
  await page.getByLabel(ar.fields.email, { exact: true }).fill('learner@ctlp.example');
  await page.getByLabel(ar.fields.password, { exact: true }).fill('a long passphrase of my own');
  await page.getByLabel(ar.fields.fullName, { exact: true }).fill('ليلى حسن');
  await page.getByLabel(ar.fields.memberState, { exact: true }).fill('KEN');
  await page.getByLabel(ar.fields.institution, { exact: true }).fill('الشرطة الوطنية');
  await page.getByLabel(ar.fields.agencyType, { exact: true }).selectOption('police');
  await page.getByLabel(ar.fields.jobTitle, { exact: true }).fill('مفتشة');
  await page.getByLabel(ar.fields.gender, { exact: true }).selectOption('female');
  // It is answered as any registration (its owner is mailed instead), so the page cannot say who is registered.
  const taken = await submit(page);
  assert.equal(taken.status(), 202);
  await page.getByRole('heading', { level: 1, name: ar.register.sentTitle }).waitFor();
  assert.deepEqual(await visibleErrorTexts(page), []);
  assert.deepEqual(page.errors, []);
});

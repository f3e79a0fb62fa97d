// The whole journey of an account through its mail, in Chromium, with the platform sending real
// mail to a test SMTP server: register, confirm the address from the mail, approval by the focal
// point and its mail, a forgotten password reset from the mail; afterwards the new password works
// and the old one and the other session do not.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logIn, newPage, screenshot, startPlatform } from './support.mjs';
import { linkTo, TestSmtp } from './smtp.mjs';

const OLD_PASSWORD = 'a long passphrase of my own';
const NEW_PASSWORD = 'another passphrase, chosen after forgetting';

let smtp;
let platform;
before(async () => {
  smtp = await TestSmtp.start();
  // The job worker on, as in production: mail leaves through SMTP a moment after the change.
  platform = await startPlatform({ env: { SMTP_URL: smtp.url, JOBS_WORKER: 'true' } });
});
after(async () => {
  await platform?.close();
  await smtp?.stop();
});

/** Whether the API still knows this browser as signed in. */
async function signedIn(page) {
  return (await page.request.get('/api/auth/me')).status() === 200;
}

async function register(page, email) {
  await page.goto('/register');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(OLD_PASSWORD);
  await page.getByLabel('Full name').fill('Joseph Mwangi');
  await page.getByLabel('Member State').fill('Kenya');
  await page.getByLabel('Institution').fill('Office of the Director of Public Prosecutions');
  await page.getByLabel('Type of agency').selectOption('prosecution');
  await page.getByLabel('Job title').fill('Prosecution Counsel');
  await page.getByLabel('Gender').selectOption('male');
  await page.locator('form').getByRole('button', { name: 'Register' }).click();
  // The same page whether or not the address already had an account; no one is signed in.
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  await page.getByText(`We have sent a message to ${email}.`).waitFor();
  assert.equal(await signedIn(page), false);
}

test('register, confirm the address from the mail, approval and its mail, a forgotten password reset from the mail', async () => {
  const email = `joseph.mwangi.${Date.now()}@odpp.example`;

  // Registration, and the mail that confirms the address.
  const applicant = await newPage(platform);
  await register(applicant, email);
  const confirmation = await smtp.waitFor(email, 1);
  await applicant.goto(linkTo(confirmation, '/confirm-email?token='));
  await applicant.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
  await applicant.getByText('Your registration is still waiting for the national focal point').waitFor();
  await screenshot(applicant, 'journey-email-confirmed');
  // Logging in, the applicant sees where the registration stands.
  await logIn(applicant, email, OLD_PASSWORD);
  await applicant.waitForURL('**/pending');

  // Registering again with the address reads exactly the same, and its owner is told instead.
  const impostor = await newPage(platform);
  await register(impostor, email);
  const notice = await smtp.waitFor(email, 2);
  assert.equal(notice.subject, 'Someone tried to register with your email address');
  // The link works once.
  const again = await newPage(platform);
  await again.goto(linkTo(confirmation, '/confirm-email?token='));
  await again.getByRole('heading', { level: 1, name: 'This confirmation link does not work' }).waitFor();

  // Kenya's focal point approves; the decision is mailed.
  const focal = await newPage(platform);
  await logIn(focal, 'focal.point@ctlp.example');
  await focal.goto('/vetting');
  // The queue says the address was confirmed.
  await focal
    .getByRole('row', { name: /Joseph Mwangi/ })
    .getByText('Email confirmed')
    .waitFor();
  await focal.getByRole('button', { name: 'Approve Joseph Mwangi' }).click();
  await focal.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  await focal.getByText('Joseph Mwangi approved.').waitFor();
  const decision = await smtp.waitFor(email, 3);
  assert.notEqual(decision.subject, confirmation.subject);

  // Signed in on a second device with the password of the registration.
  const otherDevice = await newPage(platform);
  await logIn(otherDevice, email, OLD_PASSWORD);
  assert.equal(await signedIn(otherDevice), true);

  // Forgotten: from the sign-in page, a link by mail. An unknown address reads the same.
  const page = await newPage(platform);
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
  await page.getByLabel('Email address').fill('nobody.here@odpp.example');
  await page.getByRole('button', { name: 'Send the link' }).click();
  // The notice is a live region that is there, empty, before the answer: wait for its text.
  const neutral = await page.getByRole('status').filter({ hasText: /\S/ }).innerText();
  assert.match(neutral, /^If an account exists for this address, we have sent a link/);
  await page.getByRole('button', { name: 'Ask for another link' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  assert.equal(await page.getByRole('status').filter({ hasText: /\S/ }).innerText(), neutral);
  const reset = await smtp.waitFor(email, 4);
  assert.equal(smtp.to('nobody.here@odpp.example').length, 0);

  // The link: a new password, twice; then the sign-in page says it is set.
  const resetLink = linkTo(reset, '/reset-password?token=');
  await page.goto(resetLink);
  await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await page.getByText('12 to 128 characters.', { exact: false }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('status').filter({ hasText: 'Your new password is set.' }).waitFor();
  await screenshot(page, 'journey-password-set');

  // The old password no longer works, the new one does, and the other device was signed out.
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(OLD_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByRole('alert').filter({ hasText: 'The email address or the password is wrong.' }).waitFor();
  await logIn(page, email, NEW_PASSWORD);
  assert.equal(await signedIn(page), true);
  assert.equal(await signedIn(otherDevice), false);
  assert.equal(await signedIn(applicant), false);

  // The link was for one use.
  const reused = await newPage(platform);
  await reused.goto(resetLink);
  await reused.getByLabel('New password', { exact: true }).fill('yet another passphrase to try');
  await reused.getByLabel('Repeat the new password').fill('yet another passphrase to try');
  await reused.getByRole('button', { name: 'Set the new password' }).click();
  await reused.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
  await reused.getByRole('link', { name: 'Ask for a new link' }).click();
  await reused.waitForURL('**/forgot-password');
  assert.deepEqual([...applicant.errors, ...focal.errors, ...page.errors, ...reused.errors], []);
});

// The admins' mail view against the real API: a message the platform kept (no SMTP server, as in
// development) read as HTML in a frame that runs nothing and as text; a failed job run again.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { JobsService } from '../../api/dist/jobs/jobs.service.js';
import { MailService, SEND_MAIL_JOB } from '../../api/dist/mail/mail.service.js';
import { createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A confirmation message as the platform sends it, in the recipient's language. */
function confirmation(to, locale, key = `browser-test:${to}`) {
  return {
    key,
    message: 'confirm_email',
    to,
    locale,
    params: { name: 'Amina Haddad', url: `${platform.baseUrl}/confirm-email?token=abc`, hours: 48 },
  };
}

test('an admin reads a kept message as formatted HTML, which runs no script, and as plain text', async () => {
  const mail = platform.app.get(MailService);
  await mail.deliver(confirmation('amina.haddad@interior.example', 'ar'));
  const [kept] = (await platform.db.query(`SELECT subject FROM mail_messages WHERE recipient = 'amina.haddad@interior.example'`)).rows;

  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['admin'] }));
  await page.getByRole('link', { name: 'Mail' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
  const row = page.locator('main tbody tr', { hasText: kept.subject });
  assert.match(await row.innerText(), /amina\.haddad@interior\.example[\s\S]*confirm_email[\s\S]*Kept here, not sent/);

  await row.getByRole('button', { name: `Read ${kept.subject}` }).click();
  const heading = page.getByRole('heading', { level: 2, name: kept.subject });
  await heading.waitFor();
  assert.equal(await heading.evaluate((node) => node === document.activeElement), true);
  assert.equal(await heading.getAttribute('lang'), 'ar');

  const frame = page.locator('iframe.mail-view');
  assert.equal(await frame.getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
  const body = page.frameLocator('iframe.mail-view').locator('body');
  await body.getByRole('link').first().waitFor();
  assert.equal(await body.getByRole('link').first().getAttribute('href'), `${platform.baseUrl}/confirm-email?token=abc`);
  assert.equal(await page.frameLocator('iframe.mail-view').locator('html').getAttribute('dir'), 'rtl');
  await screenshot(page, 'admin-mail-html');

  await page.getByRole('button', { name: 'Plain text' }).click();
  assert.equal(await page.getByRole('button', { name: 'Plain text' }).getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('pre.mail-text').innerText(), /\/confirm-email\?token=abc/);
  await page.getByRole('button', { name: 'Close the message' }).click();
  assert.equal(await heading.count(), 0);
  assert.deepEqual(page.errors, []);
});

test("a message's HTML cannot run a script or reach the page, even one the platform would never write", async () => {
  // A tracker of our own on another origin: it counts what reaches it, whatever the browser's
  // events say (a sandboxed frame's requests do not always show in them).
  const hits = [];
  const tracker = createServer((request, response) => {
    hits.push(request.url);
    response.writeHead(204).end();
  });
  await new Promise((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  const trackerUrl = `http://127.0.0.1:${tracker.address().port}`;
  try {
    const html =
      '<!doctype html><html><head><title>x</title><link rel="stylesheet" href="' +
      trackerUrl +
      '/s.css"></head>' +
      '<body><p id="p">body</p><img src="' +
      trackerUrl +
      '/p.gif" alt="">' +
      '<script>parent.document.title = "pwned"; document.getElementById("p").textContent = "ran"</script></body></html>';
    await platform.db.query(
      `INSERT INTO mail_messages (key, template, recipient, locale, subject, text_body, html_body, status)
       VALUES ('browser-test:hostile', 'confirm_email', 'x@example.org', 'en', 'Hostile', 'text', $1, 'kept')`,
      [html],
    );
    const page = await newPage(platform);
    await logIn(page, await createAccount(platform, { roles: ['admin'] }));
    await page.goto('/admin/mail');
    await page.getByRole('button', { name: 'Read Hostile' }).click();
    const paragraph = page.frameLocator('iframe.mail-view').locator('#p');
    await paragraph.waitFor();
    await page.waitForTimeout(500);
    assert.equal(await paragraph.innerText(), 'body');
    assert.doesNotMatch(await page.title(), /pwned/);
    assert.deepEqual(hits, []);
  } finally {
    tracker.close();
  }
});

test('a failed job shows its last error, and Run again puts it back in its queue, whose message then arrives', async () => {
  const request = confirmation('failed.once@interior.example', 'fr', 'browser-test:failed-once');
  const [job] = (
    await platform.db.query(
      `INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, output, completed_on)
       VALUES ($1, $2, 'failed', 5, 5, $3, now()) RETURNING id`,
      [SEND_MAIL_JOB, request, { message: 'connect ECONNREFUSED 127.0.0.1:2525', stack: 'Error: connect ECONNREFUSED' }],
    )
  ).rows;

  const page = await newPage(platform, { locale: 'fr-FR' });
  await logIn(page, await createAccount(platform, { roles: ['admin'], locale: 'fr' }));
  await page.goto('/admin/mail');
  await page.getByRole('heading', { level: 2, name: "Tâches d'arrière-plan en échec" }).waitFor();
  const row = page.locator('main tbody tr', { hasText: 'send-mail' });
  assert.match(await row.innerText(), /connect ECONNREFUSED 127\.0\.0\.1:2525/);
  assert.doesNotMatch(await row.innerText(), /Error: connect/);

  await row.getByRole('button', { name: 'Relancer send-mail' }).click();
  await page.getByRole('status').filter({ hasText: "La tâche send-mail est de nouveau dans sa file d'attente." }).waitFor();
  await page.getByText("Aucune tâche n'a échoué.").waitFor();
  const [state] = (await platform.db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [job.id])).rows;
  assert.equal(state.state, 'retry');

  // The job runs again (no worker in tests: drained by hand) and its message is kept.
  assert.equal(await platform.app.get(JobsService).drain(SEND_MAIL_JOB), 1);
  await page.reload();
  await page.locator('main tbody tr', { hasText: 'failed.once@interior.example' }).waitFor();
  await screenshot(page, 'admin-mail-jobs-fr');
  assert.deepEqual(page.errors, []);
});

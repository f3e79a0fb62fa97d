// Topics are a translated vocabulary: the catalog shows them as chips in the reader's language
// (never the slug), filters by a select of their labels, humanises a slug kept from before the
// vocabulary; the course editor and the activity form tick them from the list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const catalog = (locale, namespace) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, `${namespace}.json`), 'utf8'));
const legal = demoCourse('international-legal-framework');
const rights = demoCourse('human-rights-investigations');
const money = demoCourse('financement-du-terrorisme');

let platform;
before(async () => {
  platform = await startPlatform();
  // A slug from before the vocabulary, which the migration kept: read, never shown as a code.
  await platform.db.query(`UPDATE courses SET topics = topics || '{counter-narratives}' WHERE slug = $1`, [money.slug]);
});
after(() => platform?.close());

/** The topic chips of the catalog card whose title links to `title`. */
function chipsOf(page, title, name) {
  return page.locator('li.card', { has: page.getByRole('link', { name: title, exact: true }) }).getByRole('list', { name, exact: true });
}

test('the catalog shows each course’s topics as chips in the reader’s language and filters by a list of them, in English and Arabic', async () => {
  for (const locale of ['en', 'ar']) {
    const common = catalog(locale, 'common');
    const courses = catalog(locale, 'courses');
    const label = (topic) => common.topics[topic];
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const page = await newPage(platform, { locale, viewport, bypassCSP: true });
      await page.goto('/courses');
      await page.getByRole('link', { name: legal.title, exact: true }).waitFor();

      const chips = chipsOf(page, legal.title, common.common.topics);
      assert.deepEqual(await chips.getByRole('listitem').allTextContents(), legal.topics.map(label), `${locale}: chips of ${legal.slug}`);
      assert.deepEqual(
        await chipsOf(page, rights.title, common.common.topics).getByRole('listitem').allTextContents(),
        rights.topics.map(label),
      );
      assert.deepEqual(await chipsOf(page, money.title, common.common.topics).getByRole('listitem').allTextContents(), [
        ...money.topics.map(label),
        'Counter narratives',
      ]);
      // No code anywhere (those with a hyphen, which no title or summary writes).
      const text = await page.locator('main').innerText();
      for (const slug of [...legal.topics, ...rights.topics, ...money.topics, 'counter-narratives'].filter((code) => code.includes('-'))) {
        assert.ok(!text.includes(slug), `${locale}: the code ${slug} is shown`);
      }
      // A chip is a small rounded label.
      const chip = await chips
        .getByRole('listitem')
        .first()
        .evaluate((element) => {
          const style = getComputedStyle(element);
          return { radius: parseFloat(style.borderTopLeftRadius), height: element.getBoundingClientRect().height };
        });
      assert.ok(chip.radius >= 8 && chip.height < 40, `${locale}: chip ${JSON.stringify(chip)}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth), false);
      assert.deepEqual(await axeViolations(page), [], `${locale} ${viewport.width}: axe on the catalog`);
      await screenshot(page, `topics-catalog-${locale}-${viewport.width}`);
      await page.context().close();
    }

    // The filter: a select of translated labels, which the address keeps as the slug.
    const page = await newPage(platform, { locale });
    await page.goto('/courses');
    const filter = page.getByLabel(courses.catalog.topic, { exact: true });
    assert.equal(await filter.evaluate((element) => element.tagName), 'SELECT');
    const options = await filter.locator('option').allTextContents();
    assert.ok(options.includes(label('human-rights')) && !options.includes('human-rights'), `${locale}: options ${options}`);
    await filter.selectOption({ label: label('human-rights') });
    await page.getByRole('button', { name: courses.catalog.apply, exact: true }).click();
    await page.waitForURL(/topic=human-rights/);
    await page
      .getByRole('status')
      .filter({ hasText: courses.catalog.count.replace('{{total}}', '') })
      .waitFor();
    await page.getByRole('link', { name: rights.title, exact: true }).waitFor();
    // The unfiltered list, its count and the rights course were already on screen before the
    // filter applied (server-rendered, or the client's list before it refetches): wait for the
    // legal course to leave rather than reading the list at once; a list that keeps it times out.
    await page.getByRole('link', { name: legal.title, exact: true }).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.getByRole('link', { name: legal.title, exact: true }).count(), 0);

    // The course page says its topics the same way.
    await page.getByRole('link', { name: rights.title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: rights.title }).waitFor();
    const facts = page.locator('.facts').getByRole('list', { name: common.common.topics, exact: true });
    assert.deepEqual(await facts.getByRole('listitem').allTextContents(), rights.topics.map(label));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a trainer ticks a course’s and an activity’s topics from the list, and an old link’s unknown topic is left out', async () => {
  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['trainer'] }));
  const created = await page.request.post('/api/courses', {
    headers: { origin: platform.baseUrl },
    data: { title: 'Supporting victims of terrorism', topics: ['financing'] },
  });
  assert.equal(created.status(), 201, await created.text());
  const course = await created.json();

  await page.goto(`/teach/${course.id}`);
  const topics = page.getByRole('group', { name: 'Topics', exact: true });
  assert.equal(await topics.getByRole('checkbox', { name: 'Terrorism financing', exact: true }).isChecked(), true);
  assert.equal(await topics.getByRole('checkbox').count(), 16);
  await topics.getByRole('checkbox', { name: 'Terrorism financing', exact: true }).uncheck();
  await topics.getByRole('checkbox', { name: 'Victims of terrorism', exact: true }).check();
  // The settings save themselves a moment after the last change.
  await page.getByText('All changes saved').waitFor();
  let saved;
  for (let tries = 0; tries < 50; tries++) {
    saved = (await (await page.request.get(`/api/courses/${course.id}`)).json()).topics;
    if (saved.join() === 'victims') break;
    await page.waitForTimeout(200);
  }
  assert.deepEqual(saved, ['victims']);

  const activity = await page.request.post('/api/activities', {
    headers: { origin: platform.baseUrl },
    data: {
      kind: 'workshop',
      title: 'Victims',
      delivery: 'online',
      startsOn: '2027-06-01',
      endsOn: '2027-06-01',
      hours: 6,
      requiredAttendance: 100,
      topics: ['victims'],
    },
  });
  assert.equal(activity.status(), 201, await activity.text());
  const { id } = await activity.json();
  await page.goto(`/activities/${id}/edit`);
  const activityTopics = page.getByRole('group', { name: 'Topics', exact: true });
  assert.equal(await activityTopics.getByRole('checkbox', { name: 'Victims of terrorism', exact: true }).isChecked(), true);
  await activityTopics.getByRole('checkbox', { name: 'Gender', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(new RegExp(`/activities/${id}$`));
  const chips = page.locator('.facts').getByRole('list', { name: 'Topics', exact: true });
  // The URL changes before the activity's page (its own chunk) has rendered.
  await chips.getByRole('listitem').nth(1).waitFor();
  assert.deepEqual(await chips.getByRole('listitem').allTextContents(), ['Victims of terrorism', 'Gender']);

  // An address from before the vocabulary: the catalog lists every course instead of an error.
  await page.goto('/courses?topic=terrorist-financing');
  await page.getByRole('link', { name: legal.title, exact: true }).waitFor();
  assert.equal(await page.getByLabel('Topic', { exact: true }).inputValue(), '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

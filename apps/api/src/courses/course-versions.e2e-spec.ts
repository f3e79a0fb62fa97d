import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse, type BuiltCourse } from '../../test/courses.js';
import { countQueries } from '../../test/query-count.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { SessionUser } from '../access/access.decorator.js';
import { ReportsService } from '../reports/reports.service.js';

let t: TestApp;
let dataDir: string;
let owner: TestAgent;
let coTrainer: TestAgent;
let stranger: TestAgent;
let admin: TestAgent;
let learnerEn: TestAgent;
let learnerFr: TestAgent;
let ownerId: string;
let coTrainerId: string;

interface Version {
  id: string;
  slug: string;
  language: string;
  title: string;
  status: string;
  translationStatus: string;
  enrolled: boolean;
}

function pdfOf(size: number): Buffer {
  const pdf = Buffer.alloc(size, 0x20);
  pdf.write('%PDF-1.4\n', 0, 'latin1');
  pdf.write('\n%%EOF\n', size - 7, 'latin1');
  return pdf;
}

async function download(agent: TestAgent, lessonId: string): Promise<Buffer> {
  const response = await agent
    .get(`/api/lessons/${lessonId}/resource`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return response.body as Buffer;
}

async function translationStatus(id: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT translation_status FROM courses WHERE id = $1`, [id]);
  return row.translation_status as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-versions-'));
  t = await createTestApp({ dataDir });
  const o = await createUser(t.dataSource, { roles: ['trainer'], email: 'owner@example.org' });
  const c = await createUser(t.dataSource, { roles: ['trainer'], email: 'co@example.org' });
  const s = await createUser(t.dataSource, { roles: ['trainer'], email: 'stranger@example.org' });
  const a = await createUser(t.dataSource, { roles: ['admin'], email: 'admin@example.org' });
  const le = await createUser(t.dataSource, { email: 'learner-en@example.org', locale: 'en', memberState: 'KEN' });
  const lf = await createUser(t.dataSource, {
    email: 'learner-fr@example.org',
    locale: 'fr',
    memberState: 'FRA',
    fullName: 'Aline Martin',
  });
  ownerId = o.id;
  coTrainerId = c.id;
  [owner, coTrainer, stranger, admin, learnerEn, learnerFr] = await Promise.all(
    [o, c, s, a, le, lf].map((user) => signIn(t.http, user.email)),
  );
});

afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('creating a language version', () => {
  let course: BuiltCourse;
  let french: {
    body: Record<string, unknown> & {
      id: string;
      modules: Array<{ title: string; lessons: Array<{ id: string; title: string; kind: string }> }>;
    };
  };

  beforeAll(async () => {
    course = await buildCourse(owner, {
      title: 'Terrorist Financing Investigations',
      textLessons: 2,
      quiz: { maxAttempts: 3 },
      publish: false,
    });
    await owner.post(`/api/courses/${course.id}/trainers`).send({ email: 'co@example.org' }).expect(200);
    const video = await owner
      .post(`/api/modules/${course.moduleId}/lessons`)
      .send({ title: 'Watch', kind: 'video', videoUrl: 'https://www.youtube.com/watch?v=abc', transcript: 'What is said' })
      .expect(201);
    // The video's own audio rendition: a file, copied like a resource's.
    const ogg = Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(3994, 7)]);
    await owner.post(`/api/lessons/${video.body.id}/video?rendition=audio`).attach('file', ogg, 'talk.ogg').expect(200);
    const resource = await owner.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Handbook', kind: 'resource' }).expect(201);
    await owner.post(`/api/lessons/${resource.body.id}/resource`).attach('file', pdfOf(4096), 'Handbook.pdf').expect(200);
    expect(video.body.id).toBeDefined();
    // The co-trainer makes it: an editor of the course who does not own it.
    french = await coTrainer.post(`/api/courses/${course.id}/versions`).send({ language: 'fr' }).expect(201);
  });

  it('copies the modules and lessons (text, quiz, video, file) into a draft owned by the caller, in progress', async () => {
    const original = await owner.get(`/api/courses/${course.id}`).expect(200);
    expect(french.body).toMatchObject({
      language: 'fr',
      status: 'draft',
      translationStatus: 'in_progress',
      familyId: course.id,
      ownerId: coTrainerId,
      slug: 'terrorist-financing-investigations-fr',
      title: 'Terrorist Financing Investigations',
      canEdit: true,
    });
    expect(original.body).toMatchObject({ familyId: course.id, translationStatus: 'original', language: 'en' });
    const shape = (modules: typeof french.body.modules) =>
      modules.map((m) => ({ title: m.title, lessons: m.lessons.map((l) => ({ title: l.title, kind: l.kind })) }));
    expect(shape(french.body.modules)).toEqual(shape(original.body.modules));
    expect(shape(french.body.modules)[0]!.lessons.map((l) => l.kind)).toEqual(['text', 'text', 'quiz', 'video', 'resource']);
    // New rows, not the original's.
    const originalIds = original.body.modules[0].lessons.map((l: { id: string }) => l.id);
    const copyIds = french.body.modules[0]!.lessons.map((l) => l.id);
    expect(copyIds.filter((id) => originalIds.includes(id))).toEqual([]);

    const [text, , quiz, video, resource] = copyIds as [string, string, string, string, string];
    expect((await coTrainer.get(`/api/lessons/${text}`).expect(200)).body.body).toContain('The rule of law.');
    const quizCopy = (await coTrainer.get(`/api/lessons/${quiz}`).expect(200)).body.quiz;
    expect(quizCopy.questions.map((q: { prompt: string }) => q.prompt)).toEqual([
      'Which body adopted resolution 1373 (2001)?',
      'Human rights apply in counter-terrorism investigations.',
    ]);
    expect(quizCopy.maxAttempts).toBe(3);
    expect((await coTrainer.get(`/api/lessons/${video}`).expect(200)).body).toMatchObject({
      videoUrl: 'https://www.youtube.com/watch?v=abc',
      transcript: 'What is said',
    });
    // Its own copy of the file: the same bytes under another stored name, placed (no .part left).
    const [names] = await t.dataSource.query(
      `SELECT (SELECT resource->>'storedName' FROM lessons WHERE id = $1) AS copy,
              (SELECT resource->>'storedName' FROM lessons WHERE id = $2) AS source`,
      [resource, originalIds[4]],
    );
    expect(names.copy).not.toBe(names.source);
    const files = readdirSync(join(dataDir, 'uploads'));
    expect(files).toEqual(expect.arrayContaining([names.copy, names.source]));
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(Buffer.compare(await download(coTrainer, resource), await download(owner, originalIds[4]))).toBe(0);
    const [audio] = await t.dataSource.query(
      `SELECT (SELECT video->'audio'->>'storedName' FROM lessons WHERE id = $1) AS copy,
              (SELECT video->'audio'->>'storedName' FROM lessons WHERE id = $2) AS source,
              (SELECT video->'audio'->>'fileName' FROM lessons WHERE id = $1) AS "fileName"`,
      [video, originalIds[3]],
    );
    expect(audio.copy).toBeTruthy();
    expect(audio.copy).not.toBe(audio.source);
    expect(audio.fileName).toBe('talk.ogg');
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual(expect.arrayContaining([audio.copy, audio.source]));

    // The original's owner co-trains the version; the audit trail says who made it.
    const trainers = await coTrainer.get(`/api/courses/${french.body.id}/trainers`).expect(200);
    expect(trainers.body.items.map((x: { userId: string; role: string }) => [x.userId, x.role])).toEqual([
      [coTrainerId, 'owner'],
      [ownerId, 'co_trainer'],
    ]);
    const [event] = await t.dataSource.query(`SELECT actor_id, data FROM audit_events WHERE action = 'course.version_created'`);
    expect(event).toMatchObject({ actor_id: coTrainerId, data: { familyId: course.id, from: course.id, language: 'fr' } });
  });

  it('deleting the original file leaves the copy in place', async () => {
    const original = await owner.get(`/api/courses/${course.id}`).expect(200);
    const originalResource = original.body.modules[0].lessons[4].id as string;
    const copyResource = french.body.modules[0]!.lessons[4]!.id;
    await owner.delete(`/api/lessons/${originalResource}`).expect(204);
    expect((await download(coTrainer, copyResource)).length).toBe(4096);
  });

  it('refuses a second version in a language the family has (409 on language), from any version', async () => {
    const again = await owner.post(`/api/courses/${course.id}/versions`).send({ language: 'fr' }).expect(409);
    expect(again.body).toMatchObject({ code: 'course_version_exists', fields: { language: { code: 'version_language_taken' } } });
    await owner.post(`/api/courses/${course.id}/versions`).send({ language: 'en' }).expect(409);
    // From the French version: the family is the same.
    await coTrainer.post(`/api/courses/${french.body.id}/versions`).send({ language: 'en' }).expect(409);
    // Moving a version onto a taken language is the same conflict.
    const moved = await coTrainer.patch(`/api/courses/${french.body.id}`).send({ language: 'en' }).expect(409);
    expect(moved.body.fields.language.code).toBe('version_language_taken');
  });

  it('answers 400 naming language for a language outside the six, 404 to a trainer who does not edit it, 403 to a learner', async () => {
    const bad = await owner.post(`/api/courses/${course.id}/versions`).send({ language: 'de' }).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['language']);
    await owner.post(`/api/courses/${course.id}/versions`).send({}).expect(400);
    await stranger.post(`/api/courses/${course.id}/versions`).send({ language: 'es' }).expect(404);
    await learnerEn.post(`/api/courses/${course.id}/versions`).send({ language: 'es' }).expect(403);
    await stranger.patch(`/api/courses/${french.body.id}`).send({ translationStatus: 'current' }).expect(404);
    // An admin edits every course.
    const spanish = await admin.post(`/api/courses/${course.id}/versions`).send({ language: 'es' }).expect(201);
    expect(spanish.body).toMatchObject({ slug: 'terrorist-financing-investigations-es', familyId: course.id });
  });

  it("sets a translation's status; the original has none to set", async () => {
    const set = await coTrainer.patch(`/api/courses/${french.body.id}`).send({ translationStatus: 'current' }).expect(200);
    expect(set.body.translationStatus).toBe('current');
    const original = await owner.patch(`/api/courses/${course.id}`).send({ translationStatus: 'current' }).expect(400);
    expect(original.body.fields.translationStatus.code).toBe('original_has_no_translation_status');
    const asOriginal = await coTrainer.patch(`/api/courses/${french.body.id}`).send({ translationStatus: 'original' }).expect(400);
    expect(Object.keys(asOriginal.body.fields)).toEqual(['translationStatus']);
  });

  it("marks current translations outdated when the original's content changes, and only then", async () => {
    const frenchId = french.body.id;
    const original = await owner.get(`/api/courses/${course.id}`).expect(200);
    const [first, second] = original.body.modules[0].lessons.map((l: { id: string }) => l.id) as [string, string];
    const spanishId = (await t.dataSource.query(`SELECT id FROM courses WHERE family_id = $1 AND language = 'es'`, [course.id]))[0].id;
    await coTrainer.patch(`/api/courses/${frenchId}`).send({ translationStatus: 'current' }).expect(200);

    // Not content: the original's order and settings, the version's own text.
    await owner.patch(`/api/lessons/${second}`).send({ position: 0 }).expect(200);
    await owner.patch(`/api/courses/${course.id}`).send({ estimatedMinutes: 45, enrolmentPolicy: 'approval' }).expect(200);
    await coTrainer.patch(`/api/courses/${frenchId}`).send({ title: 'Enquêtes sur le financement du terrorisme' }).expect(200);
    await owner.patch(`/api/lessons/${first}`).send({ body: '# Lesson 1\n\nThe rule of law.' }).expect(200);
    expect(await translationStatus(frenchId)).toBe('current');

    // Content: a lesson's text.
    await owner.patch(`/api/lessons/${first}`).send({ body: '# Lesson 1\n\nThe rule of law, revised.' }).expect(200);
    expect(await translationStatus(frenchId)).toBe('outdated');
    // A translation still in progress stays so.
    expect(await translationStatus(spanishId)).toBe('in_progress');

    // The course's own text, a module added, a lesson removed: each outdates a current translation.
    const edits = [
      () => owner.patch(`/api/courses/${course.id}`).send({ summary: 'A revised summary' }).expect(200),
      () => owner.post(`/api/courses/${course.id}/modules`).send({ title: 'Module 2' }).expect(201),
      () => owner.delete(`/api/lessons/${second}`).expect(204),
    ];
    for (const edit of edits) {
      await coTrainer.patch(`/api/courses/${frenchId}`).send({ translationStatus: 'current' }).expect(200);
      await edit();
      expect(await translationStatus(frenchId)).toBe('outdated');
    }
    const listed = await owner.get(`/api/courses/${course.id}/versions`).expect(200);
    expect(listed.body.items.map((v: Version) => [v.language, v.status, v.translationStatus])).toEqual([
      ['en', 'draft', 'original'],
      ['fr', 'draft', 'outdated'],
      ['es', 'draft', 'in_progress'],
    ]);
  });

  it('keeps the family whole: an original with versions cannot be deleted, a version can', async () => {
    await expect(t.dataSource.query(`DELETE FROM courses WHERE id = $1`, [course.id])).rejects.toMatchObject({
      constraint: 'courses_family_id_fkey',
    });
    const spanishId = (await t.dataSource.query(`SELECT id FROM courses WHERE family_id = $1 AND language = 'es'`, [course.id]))[0].id;
    await t.dataSource.query(`DELETE FROM courses WHERE id = $1`, [spanishId]);
    const listed = await owner.get(`/api/courses/${course.id}/versions`).expect(200);
    expect(listed.body.items.map((v: Version) => v.language)).toEqual(['en', 'fr']);
  });
});

describe('the catalog shows a family once', () => {
  const unique = randomUUID().slice(0, 8);
  let english: BuiltCourse;
  let frenchId: string;
  let arabicId: string;

  beforeAll(async () => {
    english = await buildCourse(owner, {
      title: `Mutual legal assistance ${unique}`,
      course: { summary: 'Requests between States' },
    });
    const fr = await owner.post(`/api/courses/${english.id}/versions`).send({ language: 'fr' }).expect(201);
    frenchId = fr.body.id;
    await owner
      .patch(`/api/courses/${frenchId}`)
      .send({ title: `Entraide judiciaire ${unique}`, summary: 'Les demandes entre États', translationStatus: 'current' })
      .expect(200);
    const ar = await owner.post(`/api/courses/${english.id}/versions`).send({ language: 'ar' }).expect(201);
    arabicId = ar.body.id;
    await owner
      .patch(`/api/courses/${arabicId}`)
      .send({ title: `المساعدة القانونية المتبادلة ${unique}` })
      .expect(200);
  });

  const cards = (body: { items: Array<{ id: string; familyId: string; language: string }> }) =>
    body.items.filter((item) => item.familyId === english.id).map((item) => [item.id, item.language]);

  it('counts a family once while only the original is published, and still once with a published translation', async () => {
    const before = await request(t.http).get('/api/courses?limit=100').expect(200);
    expect(cards(before.body)).toEqual([[english.id, 'en']]);
    await owner.post(`/api/courses/${frenchId}/publish`).expect(200);
    const after = await request(t.http).get('/api/courses?limit=100').expect(200);
    expect(after.body.total).toBe(before.body.total);
    expect(after.body.items).toHaveLength(before.body.items.length);
    // "Also in": the card lists the family's published versions, the draft Arabic one not.
    const card = after.body.items.find((item: { familyId: string }) => item.familyId === english.id);
    expect(card.versions.map((v: Version) => v.language)).toEqual(['en', 'fr']);
  });

  it('shows it in French to a French-speaking user, in English otherwise', async () => {
    expect(cards((await learnerFr.get('/api/courses?limit=100').expect(200)).body)).toEqual([[frenchId, 'fr']]);
    expect(cards((await learnerEn.get('/api/courses?limit=100').expect(200)).body)).toEqual([[english.id, 'en']]);
    expect(cards((await request(t.http).get('/api/courses?limit=100').expect(200)).body)).toEqual([[english.id, 'en']]);
    // Anonymous: ?lang=, else Accept-Language; a language without a version falls back to the original.
    expect(cards((await request(t.http).get('/api/courses?limit=100&lang=fr').expect(200)).body)).toEqual([[frenchId, 'fr']]);
    const accept = await request(t.http).get('/api/courses?limit=100').set('Accept-Language', 'fr-CA,fr;q=0.9,en;q=0.5').expect(200);
    expect(cards(accept.body)).toEqual([[frenchId, 'fr']]);
    expect(accept.headers.vary).toContain('Accept-Language');
    expect(cards((await request(t.http).get('/api/courses?limit=100&lang=ru').expect(200)).body)).toEqual([[english.id, 'en']]);
    // ?lang= wins over the user's locale; the Arabic version is a draft, so the original shows.
    expect(cards((await learnerFr.get('/api/courses?limit=100&lang=en').expect(200)).body)).toEqual([[english.id, 'en']]);
    expect(cards((await learnerFr.get('/api/courses?limit=100&lang=ar').expect(200)).body)).toEqual([[english.id, 'en']]);
  });

  it('pages by families: the total counts families, and every family appears on exactly one page', async () => {
    const all = await learnerFr.get('/api/courses?limit=100').expect(200);
    const families = new Set(all.body.items.map((item: { familyId: string }) => item.familyId));
    expect(all.body.total).toBe(families.size);
    const seen: string[] = [];
    for (let offset = 0; offset < all.body.total; offset += 1) {
      const page = await learnerFr.get(`/api/courses?limit=1&offset=${offset}`).expect(200);
      expect(page.body.total).toBe(all.body.total);
      seen.push(page.body.items[0].familyId);
    }
    expect(seen.sort()).toEqual([...families].sort());
    const past = await learnerFr.get(`/api/courses?limit=5&offset=${all.body.total + 3}`).expect(200);
    expect(past.body).toEqual({ items: [], total: all.body.total });
  });

  it("finds the family by its French title and lists it once, in the reader's language", async () => {
    const en = await learnerEn.get(`/api/courses?q=${encodeURIComponent(`Entraide judiciaire ${unique}`)}`).expect(200);
    expect(en.body.total).toBe(1);
    expect(cards(en.body)).toEqual([[english.id, 'en']]);
    const fr = await learnerFr.get(`/api/courses?q=${encodeURIComponent(`entraide ${unique}`)}`).expect(200);
    expect(fr.body.total).toBe(1);
    expect(cards(fr.body)).toEqual([[frenchId, 'fr']]);
    // Words in both versions: still one card.
    const both = await learnerFr.get(`/api/courses?q=${unique}`).expect(200);
    expect(both.body.total).toBe(1);
    // The language filter keeps to versions in that language.
    const onlyEn = await learnerFr.get(`/api/courses?q=${unique}&language=en`).expect(200);
    expect(cards(onlyEn.body)).toEqual([[english.id, 'en']]);
  });

  it('reads the catalog in as many statements however many families and versions there are', async () => {
    const few = await countQueries(() => learnerFr.get('/api/courses?limit=100').expect(200));
    for (let i = 0; i < 3; i++) {
      const extra = await buildCourse(owner, { title: `Extra ${unique} ${i}` });
      const version = await owner.post(`/api/courses/${extra.id}/versions`).send({ language: 'fr' }).expect(201);
      await owner.post(`/api/courses/${version.body.id}/publish`).expect(200);
    }
    const many = await countQueries(() => learnerFr.get('/api/courses?limit=100').expect(200));
    expect(many.statements).toBe(few.statements);
  });

  it('archiving the original leaves the family in the catalog through its published version', async () => {
    const other = await buildCourse(owner, { title: `Archived original ${unique}` });
    const fr = await owner.post(`/api/courses/${other.id}/versions`).send({ language: 'fr' }).expect(201);
    await owner.post(`/api/courses/${fr.body.id}/publish`).expect(200);
    await owner.post(`/api/courses/${other.id}/archive`).expect(200);
    const listed = await learnerEn.get(`/api/courses?q=${encodeURIComponent(`Archived original ${unique}`)}`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([fr.body.id]);
  });

  it('the course page lists the published versions to learners and marks the one they take', async () => {
    await owner.post(`/api/courses/${arabicId}/publish`).expect(200);
    const page = await learnerEn.get(`/api/courses/${english.id}`).expect(200);
    expect(page.body.versions.map((v: Version) => [v.language, v.enrolled])).toEqual([
      ['ar', false],
      ['en', false],
      ['fr', false],
    ]);
    await learnerEn.post(`/api/courses/${arabicId}/enrolments`).expect(201);
    const after = await learnerEn.get(`/api/courses/${english.id}`).expect(200);
    expect(after.body.enrolment).toBeNull();
    expect(after.body.versions.find((v: Version) => v.enrolled).id).toBe(arabicId);
    // A draft version is listed to its editors only.
    const es = await owner.post(`/api/courses/${english.id}/versions`).send({ language: 'es' }).expect(201);
    expect((await owner.get(`/api/courses/${english.id}`).expect(200)).body.versions.map((v: Version) => v.language)).toEqual([
      'ar',
      'en',
      'fr',
      'es',
    ]);
    expect((await learnerEn.get(`/api/courses/${english.id}/versions`).expect(200)).body.items.map((v: Version) => v.language)).toEqual([
      'ar',
      'en',
      'fr',
    ]);
    await learnerEn.get(`/api/courses/${es.body.id}/versions`).expect(404);
  });

  it('progress and the certificate belong to the version taken: the Arabic title', async () => {
    const page = await learnerEn.get(`/api/courses/${arabicId}`).expect(200);
    const lessonId = page.body.modules[0].lessons[0].id as string;
    const done = await learnerEn.post(`/api/lessons/${lessonId}/complete`).expect(200);
    expect(done.body.enrolment.status).toBe('completed');
    expect(done.body.certificate.courseTitle).toBe(`المساعدة القانونية المتبادلة ${unique}`);
    const [stored] = await t.dataSource.query(`SELECT course_id, course_title FROM certificates WHERE id = $1`, [done.body.certificate.id]);
    expect(stored).toEqual({ course_id: arabicId, course_title: `المساعدة القانونية المتبادلة ${unique}` });
    // Nothing of it on the English version.
    expect((await learnerEn.get(`/api/courses/${english.id}`).expect(200)).body.enrolment).toBeNull();
  });
});

describe('the member-state report counts a family as one when asked', () => {
  const period = { from: '2026-01-01', to: '2026-07-01' };
  const ids = { x: randomUUID(), xFr: randomUUID(), y: randomUUID() };
  let reportAdmin: SessionUser;

  /**
   * Course X (English original) with its French version X-fr, and course Y. p1 (KEN) completes X
   * and X-fr; p2 (KEN) completes X-fr; p3 (FRA) completes Y. Pre/post-test scores: p1 X 40→80
   * (post in March), p1 X-fr 50→70 (post in April), p2 X-fr 60→90.
   */
  beforeAll(async () => {
    await t.dataSource.query(
      `INSERT INTO courses (id, slug, title, owner_id, status, language, family_id, translation_status) VALUES
         ($1, 'report-x', 'Course X', $4, 'published', 'en', NULL, 'original'),
         ($2, 'report-x-fr', 'Cours X', $4, 'published', 'fr', $1, 'current'),
         ($3, 'report-y', 'Course Y', $4, 'published', 'en', NULL, 'original')`,
      [ids.x, ids.xFr, ids.y, ownerId],
    );
    const person = (email: string, memberState: string) => createUser(t.dataSource, { email, memberState });
    const p1 = await person('p1@example.org', 'KEN');
    const p2 = await person('p2@example.org', 'KEN');
    const p3 = await person('p3@example.org', 'FRA');
    const complete = (userId: string, courseId: string, at: string, pre: number | null = null, post: number | null = null) =>
      t.dataSource.query(
        `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at, pre_test_score, post_test_score, post_test_at)
         VALUES ($1, $2, 'completed', 'self', $3::timestamptz - interval '1 day', $3, $4::numeric, $5::numeric, CASE WHEN $5::numeric IS NULL THEN NULL ELSE $3::timestamptz END)`,
        [courseId, userId, at, pre, post],
      );
    await complete(p1.id, ids.x, '2026-03-10T10:00:00Z', 40, 80);
    await complete(p1.id, ids.xFr, '2026-04-10T10:00:00Z', 50, 70);
    await complete(p2.id, ids.xFr, '2026-05-10T10:00:00Z', 60, 90);
    await complete(p3.id, ids.y, '2026-02-10T10:00:00Z');
    const [row] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'admin@example.org'`);
    reportAdmin = { id: row.id, roles: ['admin'], memberState: 'AUT', status: 'active' } as SessionUser;
  });

  const report = async (query: Record<string, string>) =>
    (
      await admin
        .get('/api/reports/member-states')
        .query({ ...period, ...query })
        .expect(200)
    ).body;
  const byState = (body: { rows: Array<{ memberState: string; officialsTrained: number; completions: number }> }) =>
    Object.fromEntries(body.rows.map((r) => [r.memberState, [r.officialsTrained, r.completions]]));

  it('by version (the default): each version is a course of its own', async () => {
    const all = await report({});
    expect(all.filters.countCoursesBy).toBe('version');
    // The other tests' courses have no completion in 2026: only X, X-fr and Y count.
    expect(all.headline.courses).toBe(3);
    expect(all.totals).toMatchObject({ officialsTrained: 3, completions: 4 });

    const x = await report({ courseId: ids.x });
    expect(byState(x)).toEqual({ KEN: [1, 1] });
    const gain = (await report({ courseId: ids.x })).knowledgeGain;
    expect(gain.byCourse).toEqual([{ courseId: ids.x, title: 'Course X', learners: 1, meanPre: 40, meanPost: 80, meanGain: 40 }]);
    const everything = (await report({})).knowledgeGain;
    const rows = everything.byCourse.map((r: { courseId: string; learners: number }) => [r.courseId, r.learners]);
    expect(rows.sort()).toEqual(
      [
        [ids.x, 1],
        [ids.xFr, 2],
      ].sort(),
    );
    expect(everything.total).toMatchObject({ learners: 3, meanGain: 30 });
  });

  it('by family: X and X-fr are one course, a person who took both counts once for it', async () => {
    const all = await report({ countCoursesBy: 'family' });
    expect(all.filters.countCoursesBy).toBe('family');
    // Families with a completion: X (X and X-fr) and Y.
    expect(all.headline.courses).toBe(2);
    // People and completion events do not change: p1, p2, p3; four completions.
    expect(all.totals).toMatchObject({ officialsTrained: 3, completions: 4 });

    // courseId takes the family: p1 (twice) and p2 in Kenya, one person each.
    const x = await report({ courseId: ids.xFr, countCoursesBy: 'family' });
    expect(byState(x)).toEqual({ KEN: [2, 3] });
    expect(x.headline.courses).toBe(1);

    // One row for the family, under the original's id and title; p1 once (the March post-test,
    // 40→80, their first in the period), p2 60→90: means 50, 85, 35.
    const gain = all.knowledgeGain;
    expect(gain.byCourse).toEqual([{ courseId: ids.x, title: 'Course X', learners: 2, meanPre: 50, meanPost: 85, meanGain: 35 }]);
    expect(gain.total).toMatchObject({ learners: 2, meanPre: 50, meanPost: 85, meanGain: 35 });
    expect(x.knowledgeGain.byCourse).toEqual(gain.byCourse);
  });

  it('counts the same from the summary and from the rows', async () => {
    const service = t.app.get(ReportsService);
    for (const countCoursesBy of ['version', 'family'] as const) {
      const query = { ...period, countCoursesBy };
      const summary = await service.memberStates(reportAdmin, query);
      const rows = await service.memberStates(reportAdmin, query, { fromRows: true });
      expect({ ...summary, generatedAt: null }).toEqual({ ...rows, generatedAt: null });
    }
  });

  it('the CSV and XLSX follow it, and the XLSX says how courses were counted', async () => {
    const csv = await admin
      .get('/api/reports/member-states')
      .query({ ...period, courseId: ids.x, countCoursesBy: 'family', format: 'csv' })
      .expect(200);
    expect(csv.text).toContain('Kenya,KEN,Africa,2,2,0,0,0,3,3,');
    expect(csv.text).toContain(`Course X,${ids.x},2,50,85,35`);
    expect(csv.text).not.toContain('Cours X');
    const xlsx = await admin
      .get('/api/reports/member-states')
      .query({ ...period, countCoursesBy: 'family', format: 'xlsx' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const about = workbook.getWorksheet('About')!;
    const counted = about.getRows(1, about.rowCount)!.find((row) => row.getCell(1).value === 'Courses counted');
    expect(counted?.getCell(2).value).toBe("a course's language versions as one course (per-course figures under its original)");
    const bad = await admin.get('/api/reports/member-states').query({ countCoursesBy: 'languages' }).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['countCoursesBy']);
  });
});

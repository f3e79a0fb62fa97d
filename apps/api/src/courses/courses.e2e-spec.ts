import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainerA: TestAgent;
let trainerB: TestAgent;
let admin: TestAgent;
let learner: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.dataSource, { roles: ['trainer'], email: 'trainer-a@example.org', fullName: 'Trainer A' });
  const b = await createUser(t.dataSource, { roles: ['trainer'], email: 'trainer-b@example.org', fullName: 'Trainer B' });
  const ad = await createUser(t.dataSource, { roles: ['admin'] });
  const l = await createUser(t.dataSource, { memberState: 'KEN', agencyType: 'police' });
  [trainerA, trainerB, admin, learner] = await Promise.all([
    signIn(t.http, a.email),
    signIn(t.http, b.email),
    signIn(t.http, ad.email),
    signIn(t.http, l.email),
  ]);
});

afterAll(() => t.close());

describe('authoring', () => {
  it('creates a course with a slug from its title, modules and lessons in order, and renders Markdown', async () => {
    const course = await buildCourse(trainerA, { title: 'Mutual Legal Assistance: the Basics', textLessons: 3, publish: false });
    const outline = await trainerA.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.slug).toBe('mutual-legal-assistance-the-basics');
    expect(outline.body.status).toBe('draft');
    expect(outline.body.canEdit).toBe(true);
    expect(outline.body.modules[0].lessons.map((l: { title: string }) => l.title)).toEqual(['Lesson 1', 'Lesson 2', 'Lesson 3']);

    const lesson = await trainerA.get(`/api/lessons/${course.textLessonIds[0]}`).expect(200);
    expect(lesson.body.body).toContain('# Lesson 1');
    expect(lesson.body.bodyHtml).toContain('<h1>Lesson 1</h1>');
  });

  it('reorders lessons and modules, and moves a lesson to another module of the course', async () => {
    const course = await buildCourse(trainerA, { textLessons: 3, publish: false });
    const [first, second, third] = course.textLessonIds;
    await trainerA.patch(`/api/lessons/${third}`).send({ position: 0 }).expect(200);
    let outline = await trainerA.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual([third, first, second]);
    expect(outline.body.modules[0].lessons.map((l: { position: number }) => l.position)).toEqual([0, 1, 2]);

    const other = await trainerA.post(`/api/courses/${course.id}/modules`).send({ title: 'Module 2' }).expect(201);
    await trainerA.patch(`/api/modules/${other.body.id}`).send({ position: 0 }).expect(200);
    await trainerA.patch(`/api/lessons/${first}`).send({ moduleId: other.body.id }).expect(200);
    outline = await trainerA.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.modules.map((m: { title: string }) => m.title)).toEqual(['Module 2', 'Module 1']);
    expect(outline.body.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual([first]);
    expect(outline.body.modules[1].lessons.map((l: { id: string }) => l.id)).toEqual([third, second]);

    // Not into a module of another course.
    const foreign = await buildCourse(trainerA, { publish: false });
    await trainerA.patch(`/api/lessons/${second}`).send({ moduleId: foreign.moduleId }).expect(400);
  });

  it('accepts a video lesson only from an allowed host', async () => {
    const course = await buildCourse(trainerA, { publish: false });
    const bad = await trainerA
      .post(`/api/modules/${course.moduleId}/lessons`)
      .send({ title: 'Video', kind: 'video', videoUrl: 'https://evil.example/v.mp4', transcript: 'Words' })
      .expect(400);
    expect(bad.body.fields).toHaveProperty('videoUrl');
    const good = await trainerA
      .post(`/api/modules/${course.moduleId}/lessons`)
      .send({ title: 'Video', kind: 'video', videoUrl: 'https://www.youtube.com/watch?v=abc', transcript: 'Words spoken' })
      .expect(201);
    expect(good.body.videoUrl).toBe('https://www.youtube.com/watch?v=abc');
  });

  it('refuses to publish a course without lessons, saying why', async () => {
    const course = await trainerA.post('/api/courses').send({ title: 'Empty course' }).expect(201);
    await trainerA.post(`/api/courses/${course.body.id}/modules`).send({ title: 'Nothing in here' }).expect(201);
    const response = await trainerA.post(`/api/courses/${course.body.id}/publish`).expect(409);
    expect(response.body.message).toMatch(/lesson/i);
  });

  it('answers 400 naming the field for invalid bodies', async () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['post', '/api/courses', { title: '' }, 'title'],
      ['post', '/api/courses', { title: 'x', enrolmentPolicy: 'everyone' }, 'enrolmentPolicy'],
      ['post', '/api/courses', { title: 'x', language: 'de' }, 'language'],
      ['post', '/api/courses', { title: 'x', slug: 'Not A Slug' }, 'slug'],
      ['post', '/api/courses', { title: 'x', estimatedMinutes: -3 }, 'estimatedMinutes'],
      ['post', '/api/courses', { title: 'x', audience: { memberStates: ['kenya'], agencyTypes: [] } }, 'audience.memberStates'],
      ['post', '/api/courses', { title: 'x', certificate: { enabled: 'yes', validityMonths: null } }, 'certificate.enabled'],
    ];
    for (const [, url, body, field] of cases) {
      const response = await trainerA.post(url).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.fields).toHaveProperty([field]);
    }
    const course = await buildCourse(trainerA, { publish: false });
    const lessonCases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'x', kind: 'podcast' }, 'kind'],
      [{ kind: 'text' }, 'title'],
      [{ title: 'Quiz', kind: 'quiz' }, 'quiz'],
      [{ title: 'Quiz', kind: 'quiz', quiz: { passMark: 150, maxAttempts: 1, questions: [] } }, 'quiz.passMark'],
      [
        {
          title: 'Quiz',
          kind: 'quiz',
          quiz: { passMark: 50, maxAttempts: 1, questions: [{ type: 'single', prompt: 'Q', options: [{ text: 'a', correct: true }] }] },
        },
        'quiz.questions.0.options',
      ],
      [
        {
          title: 'Quiz',
          kind: 'quiz',
          quiz: {
            passMark: 50,
            maxAttempts: 1,
            questions: [
              {
                type: 'single',
                prompt: 'Q',
                options: [
                  { text: 'a', correct: false },
                  { text: 'b', correct: false },
                ],
              },
            ],
          },
        },
        'quiz.questions.0.options',
      ],
    ];
    for (const [body, field] of lessonCases) {
      const response = await trainerA.post(`/api/modules/${course.moduleId}/lessons`).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.fields).toHaveProperty([field]);
    }
    const notUuid = await trainerA.patch('/api/courses/not-a-uuid').send({ title: 'x' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.fields).toHaveProperty('id');
  });
});

describe('ownership', () => {
  it('gives trainer B 404 for everything that edits trainer A’s course, module or lesson', async () => {
    const course = await buildCourse(trainerA, { textLessons: 2, quiz: { maxAttempts: 2 }, publish: false });
    const lesson = course.textLessonIds[0];
    const attempts: Array<[string, string, unknown?]> = [
      ['patch', `/api/courses/${course.id}`, { title: 'Taken over' }],
      ['post', `/api/courses/${course.id}/publish`],
      ['post', `/api/courses/${course.id}/archive`],
      ['post', `/api/courses/${course.id}/modules`, { title: 'Mine now' }],
      ['get', `/api/courses/${course.id}/trainers`],
      ['post', `/api/courses/${course.id}/trainers`, { email: 'trainer-b@example.org' }],
      ['get', `/api/courses/${course.id}/enrolments`],
      ['patch', `/api/modules/${course.moduleId}`, { title: 'Renamed' }],
      ['delete', `/api/modules/${course.moduleId}`],
      ['post', `/api/modules/${course.moduleId}/lessons`, { title: 'Injected', kind: 'text', body: 'x' }],
      ['get', `/api/lessons/${lesson}`],
      ['patch', `/api/lessons/${lesson}`, { title: 'Renamed' }],
      ['delete', `/api/lessons/${lesson}`],
      ['get', `/api/lessons/${course.quizLessonId}`],
    ];
    for (const [method, url, body] of attempts) {
      const call = (trainerB as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
      const response = body ? await call.send(body as object) : await call;
      expect({ method, url, status: response.status }).toEqual({ method, url, status: 404 });
    }
    // A draft is invisible to B as well, and nothing changed.
    await trainerB.get(`/api/courses/${course.id}`).expect(404);
    const outline = await trainerA.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.title).not.toBe('Taken over');
    expect(outline.body.modules).toHaveLength(1);
    expect(outline.body.modules[0].lessons).toHaveLength(3);
    const quiz = await trainerA.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(JSON.stringify(quiz.body)).toContain('"correct":true');
  });

  it('lets an added co-trainer edit; only the owner adds and removes them', async () => {
    const course = await buildCourse(trainerA, { publish: false });
    const unknown = await trainerA.post(`/api/courses/${course.id}/trainers`).send({ email: 'nobody@example.org' }).expect(400);
    expect(unknown.body.fields).toHaveProperty('email');
    const learnerEmail = (await createUser(t.dataSource)).email;
    await trainerA.post(`/api/courses/${course.id}/trainers`).send({ email: learnerEmail }).expect(400);

    const added = await trainerA.post(`/api/courses/${course.id}/trainers`).send({ email: 'TRAINER-B@example.org' }).expect(200);
    expect(added.body.items.map((i: { fullName: string; role: string }) => [i.fullName, i.role])).toEqual([
      ['Trainer A', 'owner'],
      ['Trainer B', 'co_trainer'],
    ]);
    await trainerB.patch(`/api/courses/${course.id}`).send({ title: 'Edited together' }).expect(200);
    const list = await trainerB.get(`/api/courses/${course.id}/trainers`).expect(200);
    expect(list.body.total).toBe(2);

    // A co-trainer cannot add others or remove the owner.
    const c = await createUser(t.dataSource, { roles: ['trainer'] });
    await trainerB.post(`/api/courses/${course.id}/trainers`).send({ email: c.email }).expect(404);
    const ownerId = added.body.items[0].userId;
    const coId = added.body.items[1].userId;
    await trainerB.delete(`/api/courses/${course.id}/trainers/${ownerId}`).expect(404);

    await trainerA.delete(`/api/courses/${course.id}/trainers/${coId}`).expect(204);
    await trainerB.patch(`/api/courses/${course.id}`).send({ title: 'Again' }).expect(404);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY created_at, id`, [course.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['course.trainer_added', 'course.trainer_removed']),
    );
  });

  it('lets an admin edit any course', async () => {
    const course = await buildCourse(trainerA, { publish: false });
    await admin.patch(`/api/courses/${course.id}`).send({ summary: 'Reviewed by the administrator' }).expect(200);
  });

  it('denies learners and anonymous callers the authoring routes', async () => {
    const course = await buildCourse(trainerA);
    await learner.post('/api/courses').send({ title: 'Mine' }).expect(403);
    await learner.patch(`/api/courses/${course.id}`).send({ title: 'Mine' }).expect(403);
    await request(t.http).post('/api/courses').send({ title: 'Mine' }).expect(401);
  });
});

describe('catalog', () => {
  it('searches published courses by full text, filters by topic and language, and paginates', async () => {
    await buildCourse(trainerA, {
      title: 'Investigating terrorist financing networks',
      course: { topics: ['financing'], language: 'en', summary: 'Follow the money' },
    });
    await buildCourse(trainerA, {
      title: 'Le cadre juridique international',
      course: { topics: ['legal-framework'], language: 'fr', summary: 'Les conventions universelles' },
    });
    await buildCourse(trainerA, { title: 'Financing draft', course: { topics: ['financing'] }, publish: false });

    const search = await request(t.http).get('/api/courses').query({ q: 'financing' }).expect(200);
    expect(search.body.items.map((c: { title: string }) => c.title)).toEqual(['Investigating terrorist financing networks']);
    const stemmed = await request(t.http).get('/api/courses').query({ q: 'investigation' }).expect(200);
    expect(stemmed.body.items.map((c: { title: string }) => c.title)).toContain('Investigating terrorist financing networks');
    const french = await request(t.http).get('/api/courses').query({ language: 'fr' }).expect(200);
    expect(french.body.items.map((c: { title: string }) => c.title)).toEqual(['Le cadre juridique international']);
    const topic = await request(t.http).get('/api/courses').query({ topic: 'legal-framework' }).expect(200);
    expect(topic.body.total).toBe(1);

    const all = await request(t.http).get('/api/courses').query({ limit: 100 }).expect(200);
    expect(all.body.items.every((c: { status: string }) => c.status === 'published')).toBe(true);
    const page1 = await request(t.http).get('/api/courses').query({ limit: 1, offset: 0 }).expect(200);
    const page2 = await request(t.http).get('/api/courses').query({ limit: 1, offset: 1 }).expect(200);
    expect(page1.body.total).toBe(all.body.total);
    expect(page1.body.items[0].id).not.toBe(page2.body.items[0].id);
    const pastTheEnd = await request(t.http).get('/api/courses').query({ limit: 10, offset: 1000 }).expect(200);
    expect(pastTheEnd.body).toEqual({ items: [], total: all.body.total });
    const bad = await request(t.http).get('/api/courses').query({ limit: 1000 }).expect(400);
    expect(bad.body.fields).toHaveProperty('limit');
  });

  it('keeps an audience-restricted course invisible and closed to everyone outside it', async () => {
    const course = await buildCourse(trainerA, {
      title: 'Restricted: prison intelligence in the Sahel',
      course: { audience: { memberStates: ['MLI', 'NER'], agencyTypes: [] } },
    });
    const outsider = learner; // KEN
    const insider = await signIn(t.http, (await createUser(t.dataSource, { memberState: 'MLI' })).email);

    for (const caller of [outsider, request(t.http)]) {
      const list = await (caller as TestAgent).get('/api/courses').query({ q: 'Sahel' }).expect(200);
      expect(list.body.items).toEqual([]);
      await (caller as TestAgent).get(`/api/courses/${course.id}`).expect(404);
    }
    await outsider.post(`/api/courses/${course.id}/enrolments`).expect(404);
    await outsider.get(`/api/lessons/${course.textLessonIds[0]}`).expect(404);

    const seen = await insider.get('/api/courses').query({ q: 'Sahel' }).expect(200);
    expect(seen.body.items.map((c: { id: string }) => c.id)).toEqual([course.id]);
    await insider.post(`/api/courses/${course.id}/enrolments`).expect(201);

    // Restricted by agency type too.
    const judges = await buildCourse(trainerA, {
      title: 'For judges only',
      course: { audience: { memberStates: [], agencyTypes: ['judiciary'] } },
    });
    await outsider.get(`/api/courses/${judges.id}`).expect(404);
    const judge = await signIn(t.http, (await createUser(t.dataSource, { agencyType: 'judiciary' })).email);
    await judge.get(`/api/courses/${judges.id}`).expect(200);
  });

  it('takes an archived course out of the catalog while its learners keep access', async () => {
    const course = await buildCourse(trainerA, { title: 'Soon archived', textLessons: 2 });
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await trainerA.post(`/api/courses/${course.id}/archive`).expect(200);

    const list = await request(t.http).get('/api/courses').query({ q: 'archived' }).expect(200);
    expect(list.body.items).toEqual([]);
    const stranger = await signIn(t.http, (await createUser(t.dataSource)).email);
    await stranger.get(`/api/courses/${course.id}`).expect(404);
    await stranger.post(`/api/courses/${course.id}/enrolments`).expect(404);

    await learner.get(`/api/courses/${course.id}`).expect(200);
    await learner.get(`/api/lessons/${course.textLessonIds[0]}`).expect(200);
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const mine = await learner.get('/api/me/enrolments').expect(200);
    expect(mine.body.items.map((e: { courseId: string }) => e.courseId)).toContain(course.id);

    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY created_at, id`, [course.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['course.published', 'course.archived']);
  });
});

describe('course content is sanitized', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](java&#x09;script:alert(1))',
    '<svg onload=alert(1)><circle r="10"/></svg>',
    '<svg><script>alert(1)</script></svg>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<p onclick="alert(1)">hello</p>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<details open ontoggle=alert(1)>',
    '<img src="https://ok.example/i.png" onerror="alert(1)">',
  ];

  function assertHarmless(html: string): void {
    const lower = html.toLowerCase();
    expect(lower).not.toMatch(/<script/);
    expect(lower).not.toMatch(/<svg|<math|<object|<embed|<form|<style|<details/);
    expect(lower).not.toMatch(/\son[a-z]+\s*=/);
    expect(lower).not.toMatch(/(href|src|action)\s*=\s*"?\s*(javascript|vbscript|data):/);
    expect(lower).not.toMatch(/style\s*=/);
    for (const iframe of lower.match(/<iframe[^>]*>/g) ?? [])
      expect(iframe).toMatch(/src="https:\/\/(www\.youtube-nocookie\.com|www\.youtube\.com|player\.vimeo\.com)\//);
  }

  it('returns each XSS payload harmless in lessons and course descriptions', async () => {
    const course = await buildCourse(trainerA, { course: { description: payloads.join('\n\n') } });
    const outline = await learner.get(`/api/courses/${course.id}`).expect(200);
    assertHarmless(outline.body.descriptionHtml);
    for (const payload of payloads) {
      const lesson = await trainerA
        .post(`/api/modules/${course.moduleId}/lessons`)
        .send({ title: 'XSS', kind: 'text', body: payload })
        .expect(201);
      expect(lesson.body.body).toBe(payload); // the author's text is kept as written
      assertHarmless(lesson.body.bodyHtml);
    }
  });

  it('previews Markdown for trainers through the same sanitizer', async () => {
    for (const payload of payloads) {
      const preview = await trainerA.post('/api/markdown/preview').send({ markdown: payload }).expect(200);
      assertHarmless(preview.body.html);
    }
    const ok = await trainerA.post('/api/markdown/preview').send({ markdown: '**Rule of law**' }).expect(200);
    expect(ok.body.html).toBe('<p><strong>Rule of law</strong></p>\n');
    await learner.post('/api/markdown/preview').send({ markdown: 'x' }).expect(403);
    const bad = await trainerA.post('/api/markdown/preview').send({ markdown: 42 }).expect(400);
    expect(bad.body.fields).toHaveProperty('markdown');
  });

  it('keeps ordinary teaching content and allowed video embeds', async () => {
    const course = await buildCourse(trainerA, { publish: false });
    const body =
      '## Article 2\n\n*Offences* under the [Convention](https://www.un.org/en/) include:\n\n1. financing\n2. recruitment\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>';
    const lesson = await trainerA.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Rich', kind: 'text', body }).expect(201);
    expect(lesson.body.bodyHtml).toContain('<h2>Article 2</h2>');
    expect(lesson.body.bodyHtml).toContain('<a href="https://www.un.org/en/" rel="noopener noreferrer nofollow">Convention</a>');
    expect(lesson.body.bodyHtml).toContain('<table>');
    expect(lesson.body.bodyHtml).toContain('<iframe src="https://www.youtube-nocookie.com/embed/abc"');
  });
});

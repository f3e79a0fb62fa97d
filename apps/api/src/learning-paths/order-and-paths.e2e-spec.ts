import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainer: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
});

afterAll(async () => {
  await t.close();
});

async function learner(): Promise<TestAgent> {
  return signIn(t.http, (await createUser(t.dataSource)).email);
}

/** Enrols and completes every text lesson of the course, in order. */
async function completeCourse(agent: TestAgent, course: { id: string; textLessonIds: string[] }): Promise<void> {
  await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
  for (const id of course.textLessonIds) await agent.post(`/api/lessons/${id}/complete`).expect(200);
}

describe('course prerequisites', () => {
  it('refuses enrolment until every prerequisite is completed, naming the missing courses, then enrols', async () => {
    const basics = await buildCourse(trainer, { title: 'Basics of counter-terrorism' });
    const financing = await buildCourse(trainer, { title: 'Terrorist financing' });
    const advanced = await buildCourse(trainer, { title: 'Advanced investigations', course: { prerequisites: [basics.id, financing.id] } });
    const page = await trainer.get(`/api/courses/${advanced.id}`).expect(200);
    expect(page.body.prerequisites.map((p: { id: string }) => p.id).sort()).toEqual([basics.id, financing.id].sort());

    const official = await learner();
    const refused = await official.post(`/api/courses/${advanced.id}/enrolments`).expect(409);
    expect(refused.body.code).toBe('prerequisites_missing');
    expect(refused.body.params).toEqual({
      courseIds: [basics.id, financing.id],
      slugs: [expect.any(String), expect.any(String)],
      titles: ['Basics of counter-terrorism', 'Terrorist financing'],
    });

    await completeCourse(official, basics);
    const still = await official.post(`/api/courses/${advanced.id}/enrolments`).expect(409);
    expect(still.body.params.courseIds).toEqual([financing.id]);
    const shown = await official.get(`/api/courses/${advanced.id}`).expect(200);
    expect(shown.body.prerequisites).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: basics.id, completed: true }),
        expect.objectContaining({ id: financing.id, completed: false }),
      ]),
    );

    await completeCourse(official, financing);
    const enrolled = await official.post(`/api/courses/${advanced.id}/enrolments`).expect(201);
    expect(enrolled.body.enrolment.status).toBe('active');
  });

  it('holds a request to join an approval course to the prerequisites too', async () => {
    const basics = await buildCourse(trainer, { title: 'Basics' });
    const approval = await buildCourse(trainer, { course: { enrolmentPolicy: 'approval', prerequisites: [basics.id] } });
    const official = await learner();
    expect((await official.post(`/api/courses/${approval.id}/enrolments`).expect(409)).body.code).toBe('prerequisites_missing');
    await completeCourse(official, basics);
    expect((await official.post(`/api/courses/${approval.id}/enrolments`).expect(201)).body.enrolment.status).toBe('pending');
  });

  it('refuses cycles, the course itself and unpublished courses, naming the field', async () => {
    const a = await buildCourse(trainer, { title: 'A' });
    const b = await buildCourse(trainer, { title: 'B', course: { prerequisites: [a.id] } });
    const c = await buildCourse(trainer, { title: 'C', course: { prerequisites: [b.id] } });
    const cycle = await trainer
      .patch(`/api/courses/${a.id}`)
      .send({ prerequisites: [c.id] })
      .expect(400);
    expect(cycle.body.fields.prerequisites).toMatchObject({ code: 'prerequisite_cycle', params: { values: [c.id] } });
    const itself = await trainer
      .patch(`/api/courses/${a.id}`)
      .send({ prerequisites: [a.id] })
      .expect(400);
    expect(itself.body.fields.prerequisites.code).toBe('prerequisite_is_itself');
    const draft = await buildCourse(trainer, { title: 'Draft', publish: false });
    const unpublished = await trainer
      .patch(`/api/courses/${a.id}`)
      .send({ prerequisites: [draft.id] })
      .expect(400);
    expect(unpublished.body.fields.prerequisites).toMatchObject({ code: 'prerequisite_unavailable', params: { values: [draft.id] } });
    const unchanged = await trainer.get(`/api/courses/${a.id}`).expect(200);
    expect(unchanged.body.prerequisites).toEqual([]);
  });

  it('lets a course trainer enrol people in bulk whatever their prerequisites', async () => {
    const basics = await buildCourse(trainer, { title: 'Basics' });
    const advanced = await buildCourse(trainer, { course: { prerequisites: [basics.id] } });
    const official = await createUser(t.dataSource);
    const report = await trainer
      .post(`/api/courses/${advanced.id}/enrolments/bulk`)
      .set('Content-Type', 'text/csv')
      .send(`email\n${official.email}\n`)
      .expect(200);
    expect(report.body.enrolled).toEqual([official.email]);
  });
});

describe('sequential lessons', () => {
  it('locks each lesson until the required ones before it are done, naming the one to do first', async () => {
    const course = await buildCourse(trainer, { textLessons: 3, course: { sequential: true } });
    const official = await learner();
    await official.post(`/api/courses/${course.id}/enrolments`).expect(201);
    const [first, second, third] = course.textLessonIds as [string, string, string];

    const outline = await official.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.sequential).toBe(true);
    expect(outline.body.modules[0].lessons.map((l: { locked: boolean }) => l.locked)).toEqual([false, true, true]);
    expect(outline.body.modules[0].lessons[2].lockedBy).toEqual({ id: first, title: expect.any(String) });

    const locked = await official.post(`/api/lessons/${third}/complete`).expect(409);
    expect(locked.body).toMatchObject({ code: 'lesson_locked', params: { lessonId: first } });
    expect((await official.get(`/api/lessons/${second}`).expect(409)).body.code).toBe('lesson_locked');

    await official.get(`/api/lessons/${first}`).expect(200);
    await official.post(`/api/lessons/${first}/complete`).expect(200);
    const next = await official.post(`/api/lessons/${third}/complete`).expect(409);
    expect(next.body.params.lessonId).toBe(second);
    await official.post(`/api/lessons/${second}/complete`).expect(200);
    const done = await official.post(`/api/lessons/${third}/complete`).expect(200);
    expect(done.body.enrolment.status).toBe('completed');
  });

  it('never holds back the course trainers, nor an optional lesson', async () => {
    const course = await buildCourse(trainer, { textLessons: 3, course: { sequential: true }, publish: false });
    await trainer.patch(`/api/lessons/${course.textLessonIds[0]}`).send({ required: false }).expect(200);
    await trainer.post(`/api/courses/${course.id}/publish`).expect(200);
    await trainer.get(`/api/lessons/${course.textLessonIds[2]}`).expect(200);
    const official = await learner();
    await official.post(`/api/courses/${course.id}/enrolments`).expect(201);
    // The first lesson is optional: the second is open at once, the third waits for the second.
    await official.get(`/api/lessons/${course.textLessonIds[1]}`).expect(200);
    expect((await official.get(`/api/lessons/${course.textLessonIds[2]}`).expect(409)).body.params.lessonId).toBe(course.textLessonIds[1]);
  });

  it('does not lock anything in a course that is not sequential', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const official = await learner();
    await official.post(`/api/courses/${course.id}/enrolments`).expect(201);
    const outline = await official.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.modules[0].lessons[1]).not.toHaveProperty('locked');
    await official.post(`/api/lessons/${course.textLessonIds[1]}/complete`).expect(200);
  });
});

describe('learning paths', () => {
  async function publishedPath(owner: TestAgent, courseIds: string[], title = 'Investigating terrorism'): Promise<string> {
    const path = await owner.post('/api/learning-paths').send({ title, summary: 'Two courses', description: '**Start** here' }).expect(201);
    await owner.put(`/api/learning-paths/${path.body.id}/courses`).send({ courseIds }).expect(200);
    await owner.post(`/api/learning-paths/${path.body.id}/publish`).expect(200);
    return path.body.id as string;
  }

  it('issues the path certificate exactly once, when the last course completes, and verifies it by its code', async () => {
    const first = await buildCourse(trainer, { title: 'First', textLessons: 2, course: { estimatedMinutes: 120 } });
    const second = await buildCourse(trainer, { title: 'Second', textLessons: 2, course: { estimatedMinutes: 90 } });
    const pathId = await publishedPath(trainer, [first.id, second.id]);
    const official = await learner();

    await completeCourse(official, first);
    let detail = await official.get(`/api/learning-paths/${pathId}`).expect(200);
    expect(detail.body).toMatchObject({
      progress: { completed: 1, total: 2 },
      certificate: null,
      descriptionHtml: expect.stringContaining('<strong>'),
    });
    expect(detail.body.courses.map((c: { id: string; completed: boolean }) => [c.id, c.completed])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);

    await official.post(`/api/courses/${second.id}/enrolments`).expect(201);
    await official.post(`/api/lessons/${second.textLessonIds[0]}/complete`).expect(200);
    detail = await official.get(`/api/learning-paths/${pathId}`).expect(200);
    expect(detail.body.courses[1].enrolment).toMatchObject({ status: 'active', progress: 50 });
    await official.post(`/api/lessons/${second.textLessonIds[1]}/complete`).expect(200);

    const mine = await official.get('/api/me/certificates').expect(200);
    const pathCertificates = mine.body.items.filter((c: { kind: string }) => c.kind === 'path');
    expect(pathCertificates).toHaveLength(1);
    expect(pathCertificates[0]).toMatchObject({
      learningPathId: pathId,
      courseId: null,
      courseTitle: 'Investigating terrorism',
      hours: 3.5,
    });
    const verified = await request(t.http).get(`/api/verify/${pathCertificates[0].verificationCode}`).expect(200);
    expect(verified.body).toMatchObject({ status: 'valid', kind: 'path', courseTitle: 'Investigating terrorism', hours: 3.5 });
    const pdf = await official.get(`/api/certificates/${pathCertificates[0].id}/pdf`).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    detail = await official.get(`/api/learning-paths/${pathId}`).expect(200);
    expect(detail.body).toMatchObject({ progress: { completed: 2, total: 2 }, certificate: { id: pathCertificates[0].id } });
    const myPaths = await official.get('/api/me/learning-paths').expect(200);
    expect(myPaths.body.items).toEqual([expect.objectContaining({ id: pathId, progress: { completed: 2, total: 2 } })]);
  });

  it('issues one path certificate when the last lessons of its two courses are completed at the same moment', async () => {
    const first = await buildCourse(trainer, { title: 'Race one', textLessons: 2 });
    const second = await buildCourse(trainer, { title: 'Race two', textLessons: 2 });
    const pathId = await publishedPath(trainer, [first.id, second.id], 'Race path');
    for (let round = 0; round < 3; round++) {
      const official = await learner();
      for (const course of [first, second]) {
        await official.post(`/api/courses/${course.id}/enrolments`).expect(201);
        await official.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
      }
      const responses = await Promise.all([first, second].map((c) => official.post(`/api/lessons/${c.textLessonIds[1]}/complete`)));
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      const mine = await official.get('/api/me/certificates').expect(200);
      expect(mine.body.items.filter((c: { learningPathId: string | null }) => c.learningPathId === pathId)).toHaveLength(1);
    }
  });

  it('gives the certificate on publishing to learners who already completed every course', async () => {
    const only = await buildCourse(trainer, { title: 'Only course' });
    const official = await learner();
    await completeCourse(official, only);
    const pathId = await publishedPath(trainer, [only.id], 'Late path');
    const mine = await official.get('/api/me/certificates').expect(200);
    expect(mine.body.items.filter((c: { learningPathId: string | null }) => c.learningPathId === pathId)).toHaveLength(1);
    // Publishing again (a no-op) and unpublishing issue nothing more.
    await trainer.post(`/api/learning-paths/${pathId}/unpublish`).expect(200);
    await trainer.post(`/api/learning-paths/${pathId}/publish`).expect(200);
    const again = await official.get('/api/me/certificates').expect(200);
    expect(again.body.items.filter((c: { learningPathId: string | null }) => c.learningPathId === pathId)).toHaveLength(1);
    expect((await trainer.delete(`/api/learning-paths/${pathId}`).expect(409)).body.code).toBe('learning_path_has_certificates');
  });

  it("answers 404 to another trainer editing a path, and lets an admin edit anyone's", async () => {
    const course = await buildCourse(trainer);
    const path = await trainer.post('/api/learning-paths').send({ title: 'Mine only' }).expect(201);
    const id = path.body.id as string;
    await otherTrainer.patch(`/api/learning-paths/${id}`).send({ title: 'Taken over' }).expect(404);
    await otherTrainer
      .put(`/api/learning-paths/${id}/courses`)
      .send({ courseIds: [course.id] })
      .expect(404);
    await otherTrainer.post(`/api/learning-paths/${id}/publish`).expect(404);
    await otherTrainer.delete(`/api/learning-paths/${id}`).expect(404);
    // A draft is not seen by anyone but its editors.
    await otherTrainer.get(`/api/learning-paths/${id}`).expect(404);
    expect((await trainer.post(`/api/learning-paths/${id}/publish`).expect(409)).body.code).toBe('learning_path_empty');
    const edited = await admin.patch(`/api/learning-paths/${id}`).send({ title: 'Renamed by an admin' }).expect(200);
    expect(edited.body).toMatchObject({ title: 'Renamed by an admin', canEdit: true });
    const mine = await otherTrainer.get('/api/learning-paths/mine').expect(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('takes only published courses, in the order given, and lists published paths in the catalog', async () => {
    const a = await buildCourse(trainer, { title: 'Path A' });
    const b = await buildCourse(trainer, { title: 'Path B' });
    const draft = await buildCourse(trainer, { title: 'Draft', publish: false });
    const path = await trainer.post('/api/learning-paths').send({ title: 'Ordered path' }).expect(201);
    const bad = await trainer
      .put(`/api/learning-paths/${path.body.id}/courses`)
      .send({ courseIds: [a.id, draft.id] })
      .expect(400);
    expect(bad.body.fields.courseIds).toMatchObject({ code: 'course_not_published', params: { values: [draft.id] } });
    const set = await trainer
      .put(`/api/learning-paths/${path.body.id}/courses`)
      .send({ courseIds: [b.id, a.id] })
      .expect(200);
    expect(set.body.courses.map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    const catalogBefore = await request(t.http).get('/api/learning-paths').expect(200);
    expect(catalogBefore.body.items.map((p: { id: string }) => p.id)).not.toContain(path.body.id);
    await trainer.post(`/api/learning-paths/${path.body.id}/publish`).expect(200);
    const catalog = await request(t.http).get('/api/learning-paths').expect(200);
    expect(catalog.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: path.body.id, courseCount: 2 })]));
    const anonymous = await request(t.http).get(`/api/learning-paths/${path.body.slug}`).expect(200);
    expect(anonymous.body).not.toHaveProperty('progress');
    expect(anonymous.body.description).toBe('');
  });
});

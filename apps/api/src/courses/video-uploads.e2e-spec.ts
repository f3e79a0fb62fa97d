import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { JobsService } from '../jobs/jobs.service.js';
import { UploadSweeper } from './upload-sweeper.js';
import { VIDEO_RENDITIONS_JOB, VideoRenditionsJob } from './video-renditions.job.js';

let t: TestApp;
let dataDir: string;
let trainer: TestAgent;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-video-'));
  t = await createTestApp({ dataDir });
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** An MP4's head (an `ftyp` box) and then bytes whose value is their position modulo 251, so any range can be checked. */
function mp4Of(size: number): Buffer {
  const file = Buffer.alloc(size);
  for (let i = 0; i < size; i++) file[i] = i % 251;
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]).copy(file);
  return file;
}
const webmHead = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81]);
const oggOf = (size: number) => Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(size - 6, 7)]);

/** The body as bytes, whatever its type. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
  (res as unknown as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(chunks)));
};

async function videoCourse(): Promise<{ courseId: string; lessonId: string }> {
  const course = await buildCourse(trainer, { publish: false, textLessons: 1 });
  const lesson = await trainer
    .post(`/api/modules/${course.moduleId}/lessons`)
    .send({ title: 'Mutual legal assistance', kind: 'video', videoSource: 'upload', transcript: 'What is said.' })
    .expect(201);
  return { courseId: course.id, lessonId: lesson.body.id as string };
}

async function publish(courseId: string) {
  await trainer.post(`/api/courses/${courseId}/publish`).expect(200);
}

async function learnerOf(courseId: string): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource)).email);
  await agent.post(`/api/courses/${courseId}/enrolments`).expect(201);
  return agent;
}

const uploads = () => readdirSync(join(dataDir, 'uploads')).sort();

describe('video lessons with their own files', () => {
  it('waits for its files only when its author says they are to come', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const missing = await trainer.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'No address', kind: 'video' }).expect(400);
    expect(missing.body.fields.videoUrl.code).toBe('video_url_required');
    const bad = await trainer
      .post(`/api/modules/${course.moduleId}/lessons`)
      .send({ title: 'Bad source', kind: 'video', videoSource: 'disk' })
      .expect(400);
    expect(bad.body.fields.videoSource.code).toBe('not_one_of');

    const { lessonId } = await videoCourse();
    // Other edits of a lesson waiting for its files pass.
    const renamed = await trainer.patch(`/api/lessons/${lessonId}`).send({ title: 'Renamed' }).expect(200);
    expect(renamed.body).toMatchObject({ kind: 'video', videoUrl: null, video: null });
  });

  it('takes the three renditions, checked by their content, and replaces and removes them', async () => {
    const { lessonId } = await videoCourse();
    const standard = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=standard`)
      .attach('file', mp4Of(300_000), 'Lecture.mp4')
      .expect(200);
    expect(standard.body.video).toEqual({ standard: { fileName: 'Lecture.mp4', contentType: 'video/mp4', size: 300_000 } });
    await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=low`)
      .attach('file', Buffer.concat([webmHead, Buffer.alloc(5000, 1)]), 'lecture-low.webm')
      .expect(200);
    const audio = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=audio`)
      .attach('file', oggOf(4000), 'lecture.ogg')
      .expect(200);
    expect(audio.body.video).toMatchObject({
      standard: { size: 300_000 },
      low: { contentType: 'video/webm', size: 5012 },
      audio: { contentType: 'audio/ogg', size: 4000 },
    });
    // A WebM of sound alone is audio.
    const webmAudio = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=audio`)
      .attach('file', Buffer.concat([webmHead, Buffer.alloc(100, 1)]), 'voice.webm')
      .expect(200);
    expect(webmAudio.body.video.audio).toMatchObject({ fileName: 'voice.webm', contentType: 'audio/webm' });
    expect(uploads()).toHaveLength(3);

    const fake = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=standard`)
      .attach('file', Buffer.from('<html>not a video</html>'), 'fake.mp4')
      .expect(400);
    expect(fake.body.fields.file).toMatchObject({ code: 'file_content_mismatch', params: { extension: 'mp4' } });
    const audioAsVideo = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=low`)
      .attach('file', oggOf(100), 'sound.ogg')
      .expect(400);
    expect(audioAsVideo.body.fields.file.code).toBe('file_type_not_allowed');
    const unknown = await trainer.post(`/api/lessons/${lessonId}/video?rendition=hd`).attach('file', mp4Of(100), 'a.mp4').expect(400);
    expect(unknown.body.fields.rendition.code).toBe('not_one_of');

    const replaced = await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=standard`)
      .attach('file', mp4Of(1000), 'Lecture v2.mp4')
      .expect(200);
    expect(replaced.body.video.standard).toMatchObject({ fileName: 'Lecture v2.mp4', size: 1000 });
    expect(uploads()).toHaveLength(3);

    const removed = await trainer.delete(`/api/lessons/${lessonId}/video?rendition=low`).expect(200);
    expect(Object.keys(removed.body.video).sort()).toEqual(['audio', 'standard']);
    expect(uploads()).toHaveLength(2);
    // Files a row names survive the sweep, however old.
    expect((await t.app.get(UploadSweeper).sweep(Date.now() + 48 * 3600_000)).removedOrphans).toBe(0);
    expect(uploads()).toHaveLength(2);

    // A lesson that stops being a video loses its files (its address and transcript stay).
    await trainer.patch(`/api/lessons/${lessonId}`).send({ kind: 'text', body: 'Now text' }).expect(200);
    expect(uploads()).toHaveLength(0);
    const text = await trainer.get(`/api/lessons/${lessonId}`).expect(200);
    expect(text.body).toMatchObject({ video: null, transcript: 'What is said.' });
  });

  it('refuses video files on other kinds of lesson, and from people who may not edit the course', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const onText = await trainer
      .post(`/api/lessons/${course.textLessonIds[0]}/video?rendition=standard`)
      .attach('file', mp4Of(100), 'a.mp4')
      .expect(409);
    expect(onText.body.code).toBe('not_a_video_lesson');
    const { lessonId } = await videoCourse();
    const stranger = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
    await stranger.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', mp4Of(100), 'a.mp4').expect(404);
    await stranger.delete(`/api/lessons/${lessonId}/video?rendition=standard`).expect(404);
  });
});

describe('serving a video with ranges', () => {
  const SIZE = 300_000;
  let lessonId: string;
  let learner: TestAgent;
  let otherLearner: TestAgent;

  beforeAll(async () => {
    const made = await videoCourse();
    lessonId = made.lessonId;
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', mp4Of(SIZE), 'Lecture.mp4').expect(200);
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=audio`).attach('file', oggOf(4000), 'lecture.ogg').expect(200);
    await publish(made.courseId);
    learner = await learnerOf(made.courseId);
    const other = await buildCourse(trainer, { title: 'Another course' });
    otherLearner = await learnerOf(other.id);
  });

  it('sends the whole file to an enrolled learner, with its validators', async () => {
    const res = await learner.get(`/api/lessons/${lessonId}/video?rendition=standard`).buffer(true).parse(binary).expect(200);
    expect(res.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': String(SIZE),
      'accept-ranges': 'bytes',
      'cache-control': expect.stringMatching(/^private/),
    });
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(res.headers['last-modified']!).getTime()).not.toBeNaN();
    expect((res.body as Buffer).equals(mp4Of(SIZE))).toBe(true);
    // Standard is the default; the answer is the same file.
    const plain = await learner.get(`/api/lessons/${lessonId}/video`).buffer(true).parse(binary).expect(200);
    expect(plain.headers.etag).toBe(res.headers.etag);

    const again = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('If-None-Match', res.headers.etag!)
      .expect(304);
    expect(again.text ?? '').toBe('');
    const audio = await learner.get(`/api/lessons/${lessonId}/video?rendition=audio`).buffer(true).parse(binary).expect(200);
    expect(audio.headers['content-type']).toBe('audio/ogg');
    expect(audio.headers.etag).not.toBe(res.headers.etag);
  });

  it('sends exactly the bytes of a middle range', async () => {
    const res = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', 'bytes=100000-100999')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(res.headers['content-range']).toBe(`bytes 100000-100999/${SIZE}`);
    expect(res.headers['content-length']).toBe('1000');
    expect((res.body as Buffer).equals(mp4Of(SIZE).subarray(100_000, 101_000))).toBe(true);
  });

  it('sends the last bytes for a suffix range, and to the end for an open one', async () => {
    const suffix = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', 'bytes=-100')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`);
    expect((suffix.body as Buffer).equals(mp4Of(SIZE).subarray(SIZE - 100))).toBe(true);
    const open = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', `bytes=${SIZE - 10}-`)
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect((open.body as Buffer).length).toBe(10);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await learner.get(`/api/lessons/${lessonId}/video?rendition=standard`).set('Range', `bytes=${SIZE}-`).expect(416);
    expect(res.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(res.body.code).toBe('range_not_satisfiable');
  });

  it('sends the whole file for several ranges, a malformed one, or a range of a file since replaced', async () => {
    const several = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', 'bytes=0-9,200000-200009')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((several.body as Buffer).length).toBe(SIZE);
    await learner.get(`/api/lessons/${lessonId}/video?rendition=standard`).set('Range', 'pages=1-2').expect(200);
    const stale = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', 'bytes=0-9')
      .set('If-Range', '"an-older-file"')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((stale.body as Buffer).length).toBe(SIZE);
    const current = await learner
      .get(`/api/lessons/${lessonId}/video?rendition=standard`)
      .set('Range', 'bytes=0-9')
      .set('If-Range', stale.headers.etag!)
      .expect(206);
    expect(current.headers['content-range']).toBe(`bytes 0-9/${SIZE}`);
  });

  it("is not found for another course's learner, nor for a rendition the lesson lacks", async () => {
    const res = await otherLearner.get(`/api/lessons/${lessonId}/video?rendition=standard`).expect(404);
    expect(res.body.code).toBe('not_found');
    await otherLearner.get(`/api/lessons/${lessonId}/video?rendition=standard`).set('Range', 'bytes=0-9').expect(404);
    await learner.get(`/api/lessons/${lessonId}/video?rendition=low`).expect(404);
  });

  it('names the field of an unknown rendition', async () => {
    const res = await learner.get(`/api/lessons/${lessonId}/video?rendition=4k`).expect(400);
    expect(res.body.fields.rendition.code).toBe('not_one_of');
  });
});

describe('renditions made with ffmpeg', () => {
  // A real 3-second WebM (VP8 and Opus), the browser tests' fixture.
  const webm = readFileSync(join(import.meta.dirname, '../../../web/browser/fixtures/lesson-standard.webm'));
  const job = () => t.app.get(VideoRenditionsJob);
  const drain = () => t.app.get(JobsService).drain(VIDEO_RENDITIONS_JOB);

  it("queues nothing without ffmpeg: the renditions stay the trainer's to upload", async () => {
    // What the tests above queued (their standard files are not real videos: ffmpeg makes nothing of them).
    await drain();
    job().useProgram('/nonexistent/ffmpeg');
    try {
      const { lessonId } = await videoCourse();
      await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', webm, 'Talk.webm').expect(200);
      expect(await drain()).toBe(0);
      expect(Object.keys((await trainer.get(`/api/lessons/${lessonId}`).expect(200)).body.video)).toEqual(['standard']);
    } finally {
      job().useProgram('ffmpeg');
    }
  });

  it('makes the low-data and audio renditions the trainer did not upload, and keeps the one they did', async () => {
    if (!(await job().ffmpegAvailable())) {
      console.warn('ffmpeg is not on the PATH here: rendition making not tested');
      return;
    }
    const { courseId, lessonId } = await videoCourse();
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', webm, 'Talk.webm').expect(200);
    expect(await drain()).toBe(1);
    const made = (await trainer.get(`/api/lessons/${lessonId}`).expect(200)).body.video;
    expect(made).toMatchObject({
      low: { fileName: 'Talk-low.mp4', contentType: 'video/mp4' },
      audio: { fileName: 'Talk-audio.m4a', contentType: 'audio/mp4' },
    });
    expect(made.low.size).toBeGreaterThan(0);
    await publish(courseId);
    const learner = await learnerOf(courseId);
    const low = await learner.get(`/api/lessons/${lessonId}/video?rendition=low`).buffer(true).parse(binary).expect(200);
    expect((low.body as Buffer).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect((low.body as Buffer).length).toBe(made.low.size);

    // A trainer's own low rendition is kept when a new standard arrives; only the audio is made again.
    await trainer
      .post(`/api/lessons/${lessonId}/video?rendition=low`)
      .attach('file', Buffer.concat([webmHead, Buffer.alloc(500, 1)]), 'mine-low.webm')
      .expect(200);
    await trainer.delete(`/api/lessons/${lessonId}/video?rendition=audio`).expect(200);
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', webm, 'Talk v2.webm').expect(200);
    expect(await drain()).toBe(1);
    const after = (await trainer.get(`/api/lessons/${lessonId}`).expect(200)).body.video;
    expect(after.low.fileName).toBe('mine-low.webm');
    expect(after.audio.fileName).toBe('Talk v2-audio.m4a');
  });

  it('drops what it made for a standard video replaced meanwhile', async () => {
    if (!(await job().ffmpegAvailable())) return;
    const { lessonId } = await videoCourse();
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', webm, 'First.webm').expect(200);
    await trainer.post(`/api/lessons/${lessonId}/video?rendition=standard`).attach('file', webm, 'Second.webm').expect(200);
    const before = uploads().length;
    expect(await drain()).toBe(2);
    const video = (await trainer.get(`/api/lessons/${lessonId}`).expect(200)).body.video;
    expect(video.low.fileName).toBe('Second-low.mp4');
    // The stale job made nothing; the current one its two files.
    expect(uploads().length).toBe(before + 2);
  });
});

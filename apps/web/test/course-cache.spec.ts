import { describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import type { Schemas } from '../src/api/client';
import { cachedCourseHolding, patchCourse, placeAt, putCourse } from '../src/api/courses/course-cache';
import { courseKeys, type Course } from '../src/api/courses/use-course';
import { lessonChanged } from '../src/api/courses/use-lesson-edits';
import { lessonKeys } from '../src/api/learning/use-lesson';

type OutlineLesson = Schemas['OutlineLessonDto'];

const lesson = (id: string, position: number, extra: Partial<OutlineLesson> = {}): OutlineLesson => ({
  id,
  title: `Lesson ${id}`,
  kind: 'text',
  required: true,
  estimatedMinutes: 5,
  position,
  ...extra,
});

function course(id: string, slug: string): Course {
  return {
    id,
    slug,
    title: `Course ${id}`,
    summary: '',
    description: '',
    descriptionHtml: '',
    language: 'en',
    topics: [],
    estimatedMinutes: 60,
    enrolmentPolicy: 'open',
    status: 'draft',
    publishedAt: null,
    cover: null,
    familyId: id,
    translationStatus: 'original',
    versions: [],
    ownerId: 'owner',
    canEdit: true,
    sequential: false,
    prerequisites: [],
    enrolment: null,
    audience: { memberStates: [], agencyTypes: [] },
    certificate: { enabled: true, validityMonths: null },
    modules: [
      { id: 'm1', title: 'One', position: 0, lessons: [lesson('a', 0, { completed: true }), lesson('b', 1), lesson('c', 2)] },
      { id: 'm2', title: 'Two', position: 1, lessons: [lesson('d', 0)] },
    ],
  };
}

function clientWith(...courses: Array<[key: string, course: Course]>) {
  const client = new QueryClient();
  for (const [key, value] of courses) client.setQueryData(courseKeys.detail(key), value);
  return client;
}

describe('the course cache', () => {
  it('moves an item to a place and numbers the list from 0, as the API does', () => {
    const list = [lesson('a', 0), lesson('b', 3), lesson('c', 7)];
    expect(placeAt(list, list[2]!, 0).map((l) => [l.id, l.position])).toEqual([
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ]);
    expect(placeAt(list, list[0]!, 99).map((l) => l.id)).toEqual(['b', 'c', 'a']);
  });

  it('writes an edited course under its id and its slug, and over the copy under its old slug', () => {
    const client = clientWith(['c1', course('c1', 'old-slug')], ['old-slug', course('c1', 'old-slug')]);
    putCourse(client, { ...course('c1', 'new-slug'), title: 'Renamed' });
    for (const key of ['c1', 'new-slug', 'old-slug']) expect(client.getQueryData<Course>(courseKeys.detail(key))?.title).toBe('Renamed');
  });

  it('leaves other courses untouched, not even marked as updated', () => {
    const client = clientWith(['c1', course('c1', 's1')], ['c2', course('c2', 's2')]);
    const before = client.getQueryState(courseKeys.detail('c2'))!.dataUpdatedAt;
    patchCourse(client, 'c1', (c) => ({ ...c, title: 'Changed' }));
    expect(client.getQueryData<Course>(courseKeys.detail('c1'))?.title).toBe('Changed');
    expect(client.getQueryData<Course>(courseKeys.detail('c2'))?.title).toBe('Course c2');
    expect(client.getQueryState(courseKeys.detail('c2'))!.dataUpdatedAt).toBe(before);
  });

  it('finds the cached course that holds a module or a lesson', () => {
    const client = clientWith(['c1', course('c1', 's1')]);
    expect(cachedCourseHolding(client, 'd')?.id).toBe('c1');
    expect(cachedCourseHolding(client, 'm2')?.id).toBe('c1');
    expect(cachedCourseHolding(client, 'nowhere')).toBeUndefined();
  });

  it('puts a lesson moved to another module in its new place, keeping what the outline knew of the progress', () => {
    const client = clientWith(['c1', course('c1', 's1')]);
    const answer = {
      ...lesson('a', 0),
      courseId: 'c1',
      moduleId: 'm2',
      bodyHtml: '',
      quiz: null,
      resource: null,
      transcript: '',
      videoUrl: null,
      video: null,
    };
    lessonChanged(client, answer, true);
    const modules = client.getQueryData<Course>(courseKeys.detail('c1'))!.modules;
    expect(modules.map((m) => m.lessons.map((l) => l.id))).toEqual([
      ['b', 'c'],
      ['a', 'd'],
    ]);
    expect(modules[1]!.lessons[0]!.completed).toBe(true);
    expect(client.getQueryData(lessonKeys.detail('a'))).toEqual(answer);
  });

  it('renames a lesson in place when it did not move', () => {
    const client = clientWith(['c1', course('c1', 's1')]);
    const answer = {
      ...lesson('b', 1),
      title: 'Better title',
      courseId: 'c1',
      moduleId: 'm1',
      bodyHtml: '',
      quiz: null,
      resource: null,
      transcript: '',
      videoUrl: null,
      video: null,
    };
    lessonChanged(client, answer, false);
    const lessons = client.getQueryData<Course>(courseKeys.detail('c1'))!.modules[0]!.lessons;
    expect(lessons.map((l) => l.title)).toEqual(['Lesson a', 'Better title', 'Lesson c']);
  });
});

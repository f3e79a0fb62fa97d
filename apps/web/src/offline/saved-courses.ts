import { createStore, get, update } from 'idb-keyval';
import type { Course } from '../api/courses/use-course';

/**
 * Courses saved for offline: every GET a course's pages make (the signed-in user, the outline by
 * id and by slug, each lesson, each lesson's file, the cover) in a cache of its own per user and
 * course. The service worker (public/offline-sw.js) answers from it when the network fails. A
 * lesson read here draws a quiz as reading it online does, so a quiz answered offline is graded
 * on the server against that draw when it is sent.
 */
export interface SavedCourse {
  courseId: string;
  slug: string;
  title: string;
  bytes: number;
  savedAt: string;
}

const PREFIX = 'ctlp-offline:';
const store = createStore('ctlp-saved', 'courses');
const keyOf = (userId: string) => `saved:${userId}`;
export const cacheName = (userId: string, courseId: string) => `${PREFIX}${userId}:${courseId}`;

export const offlineSupported = () => typeof caches !== 'undefined' && 'serviceWorker' in navigator;

/** Tells the service worker which saved caches exist now. */
async function announce(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  registration?.active?.postMessage({ type: 'saved-courses-changed' });
}

export async function savedCourses(userId: string): Promise<Record<string, SavedCourse>> {
  return (await get<Record<string, SavedCourse>>(keyOf(userId), store)) ?? {};
}

function urlsOf(course: Course): string[] {
  const urls = ['/api/auth/current', `/api/courses/${course.id}`, `/api/courses/${course.slug}`];
  if (course.cover) urls.push(course.cover.url);
  for (const module of course.modules)
    for (const lesson of module.lessons) {
      if (lesson.locked) continue;
      urls.push(`/api/lessons/${lesson.id}`);
      if (lesson.kind === 'resource') urls.push(`/api/lessons/${lesson.id}/resource`);
    }
  return urls;
}

/** Fetches and stores the course; resolves with what it saved. A lesson with no file is skipped. */
export async function saveCourse(userId: string, course: Course): Promise<SavedCourse> {
  const cache = await caches.open(cacheName(userId, course.id));
  let bytes = 0;
  for (const url of urlsOf(course)) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      if (response.status === 404 && url.endsWith('/resource')) continue;
      throw new Error(`HTTP ${response.status}`);
    }
    bytes += (await response.clone().blob()).size;
    await cache.put(url, response);
  }
  const saved: SavedCourse = { courseId: course.id, slug: course.slug, title: course.title, bytes, savedAt: new Date().toISOString() };
  await update<Record<string, SavedCourse>>(keyOf(userId), (all) => ({ ...all, [course.id]: saved }), store);
  await announce();
  return saved;
}

export async function removeSavedCourse(userId: string, courseId: string): Promise<void> {
  await caches.delete(cacheName(userId, courseId));
  await update<Record<string, SavedCourse>>(
    keyOf(userId),
    (all) => Object.fromEntries(Object.entries(all ?? {}).filter(([id]) => id !== courseId)),
    store,
  );
  await announce();
}

/** Signing out forgets what this user saved on the device, and their queue. */
export async function forgetUser(userId: string): Promise<void> {
  const { forgetQueue } = await import('./queue');
  for (const name of await caches.keys()) if (name.startsWith(`${PREFIX}${userId}:`)) await caches.delete(name);
  await update(keyOf(userId), () => ({}), store);
  await forgetQueue(userId);
  await announce();
}

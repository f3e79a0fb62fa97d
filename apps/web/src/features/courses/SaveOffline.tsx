import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../api/courses/use-course';
import { useMe } from '../../api/me/use-me';
import { numberFormat } from '../../intl';
import { offlineSupported, removeSavedCourse, saveCourse, type SavedCourse } from '../../offline/saved-courses';
import { savedCoursesKeys, useSavedCourses } from '../../offline/use-saved-courses';

/** "2.4 MB", in the interface's language (Western digits in Arabic, as everywhere). */
export function useSize() {
  const { i18n } = useTranslation();
  return (bytes: number) => {
    const mb = bytes >= 1024 * 1024;
    return numberFormat(i18n.language, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
      mb ? bytes / (1024 * 1024) : Math.max(0.1, bytes / 1024),
    );
  };
}

/**
 * An enrolled learner keeps the course on this device: its outline, lessons, files and cover, read
 * from there when the network fails. Shows the size kept, and Remove.
 */
export function SaveOffline({ course }: { course: Course }) {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const size = useSize();
  const client = useQueryClient();
  const saved = useSavedCourses().data?.[course.id];
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const userId = user?.id;

  if (!userId) return null;
  if (!offlineSupported())
    return (
      <section className="panel save-offline" aria-labelledby="offline-heading">
        <h2 id="offline-heading">{t('offline.heading')}</h2>
        <p className="muted">{t('offline.notSupported')}</p>
      </section>
    );

  async function run(work: () => Promise<SavedCourse | null>) {
    setBusy(true);
    setFailed(false);
    try {
      const result = await work();
      client.setQueryData<Record<string, SavedCourse>>(savedCoursesKeys.of(userId!), (all) => {
        const rest = Object.fromEntries(Object.entries(all ?? {}).filter(([id]) => id !== course.id));
        return result ? { ...rest, [course.id]: result } : rest;
      });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel save-offline" aria-labelledby="offline-heading">
      <h2 id="offline-heading">{t('offline.heading')}</h2>
      <p role="status">
        {busy ? t('offline.saving') : saved ? t('offline.savedSize', { size: size(saved.bytes) }) : ''}
        {failed && <span className="error-text">{t('offline.saveFailed')}</span>}
      </p>
      <p className="actions">
        <button type="button" disabled={busy} onClick={() => void run(() => saveCourse(userId, course))}>
          {t('offline.save')}
        </button>
        {saved && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(async () => (await removeSavedCourse(userId, course.id), null))}
          >
            {t('offline.remove')}
          </button>
        )}
      </p>
    </section>
  );
}

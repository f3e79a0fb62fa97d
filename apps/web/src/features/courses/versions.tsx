import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale } from '@ctlp/contracts';
import type { CourseVersion } from '../../api/courses/use-course-versions';
import { LANGUAGE_NAMES } from '../../i18n';
import { languageName, listFormat } from '../../intl';

/**
 * Links to language versions, each named in its own language ("Français, العربية"), listed as the
 * reader's language lists things.
 */
export function VersionLinks({ versions }: { versions: CourseVersion[] }) {
  const { i18n } = useTranslation();
  const parts = listFormat(i18n.language, { style: 'narrow', type: 'unit' }).formatToParts(versions.map((_, index) => String(index)));
  return (
    <>
      {parts.map((part, index) => {
        if (part.type !== 'element') return <Fragment key={index}>{part.value}</Fragment>;
        const version = versions[Number(part.value)]!;
        return (
          <Link key={version.id} to={`/courses/${version.slug}`} lang={version.language} hrefLang={version.language}>
            {LANGUAGE_NAMES[version.language as Locale]}
          </Link>
        );
      })}
    </>
  );
}

/** A catalog card's other languages: "Also in: Français, العربية". Nothing when the course has no other. */
export function AlsoIn({ courseId, versions }: { courseId: string; versions: CourseVersion[] | undefined }) {
  const { t } = useTranslation('courses');
  const others = (versions ?? []).filter((version) => version.id !== courseId);
  if (!others.length) return null;
  return (
    <p className="muted course-versions">
      {t('versions.alsoIn')} <VersionLinks versions={others} />
    </p>
  );
}

/**
 * The course page's other published languages ("This course in: …"), and, when the reader takes
 * the course in another of them, which one.
 */
export function CourseVersionsNote({ courseId, versions }: { courseId: string; versions: CourseVersion[] }) {
  const { t, i18n } = useTranslation('courses');
  const others = versions.filter((version) => version.id !== courseId && version.status === 'published');
  const taken = versions.find((version) => version.id !== courseId && version.enrolled);
  if (!others.length && !taken) return null;
  return (
    <div className="course-versions">
      {others.length > 0 && (
        <p>
          {t('versions.courseIn')} <VersionLinks versions={others} />
        </p>
      )}
      {taken && (
        <p className="panel">
          {t('versions.takingIn', { language: languageName(i18n.language, taken.language) })}{' '}
          <Link to={`/courses/${taken.slug}`} lang={taken.language} hrefLang={taken.language}>
            <bdi>{taken.title}</bdi>
          </Link>
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LOCALES, SETTABLE_TRANSLATION_STATUSES, type Locale } from '@ctlp/contracts';
import type { Course } from '../../../api/courses/use-course';
import { useCreateVersion, useSetTranslationStatus } from '../../../api/courses/use-course-versions';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useToast } from '../../../components/Feedback';
import { languageName } from '../../../intl';
import { contentLang } from '../../courses/parts';

type SettableStatus = (typeof SETTABLE_TRANSLATION_STATUSES)[number];

/**
 * The course's family of language versions: each with its status and translation status, this
 * version's translation status to set (the original has none), and a new version in a language the
 * family lacks, copied from this one (the editor then opens it).
 */
export function LanguageVersions({ course }: { course: Course }) {
  const { t, i18n } = useTranslation('courses');
  const create = useCreateVersion();
  const setStatus = useSetTranslationStatus();
  const navigate = useNavigate();
  const toast = useToast();
  const missing = LOCALES.filter((locale) => !course.versions.some((version) => version.language === locale));
  const [picked, setPicked] = useState<Locale | ''>('');
  // The language picked may have been added meanwhile: the first one missing stands in for it.
  const language = picked && missing.includes(picked) ? picked : (missing[0] ?? '');

  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('versions.title')}</h2>
      <p className="muted">{t('versions.intro')}</p>
      {/* A course alone in its family needs no table: the form below adds its first version. */}
      {course.versions.length > 1 && (
        <div className="table-scroll">
          <table className="table-cards">
            <thead>
              <tr>
                <th scope="col">{t('versions.language')}</th>
                <th scope="col">{t('versions.courseTitle')}</th>
                <th scope="col">{t('versions.status')}</th>
                <th scope="col">{t('versions.translation')}</th>
              </tr>
            </thead>
            <tbody>
              {course.versions.map((version) => (
                <tr key={version.id} aria-current={version.id === course.id ? 'true' : undefined}>
                  <th scope="row">
                    {languageName(i18n.language, version.language)}
                    {version.id === course.id && <span className="muted"> · {t('versions.thisOne')}</span>}
                  </th>
                  <td data-label={t('versions.courseTitle')}>
                    {version.id !== course.id && version.canEdit ? (
                      <Link to={`/teach/${version.id}`} {...contentLang(version.language)}>
                        {version.title}
                      </Link>
                    ) : (
                      <bdi {...contentLang(version.language)}>{version.title}</bdi>
                    )}
                  </td>
                  <td data-label={t('versions.status')}>{t(`courseStatuses.${version.status}`)}</td>
                  <td data-label={t('versions.translation')}>{t(`translationStatuses.${version.translationStatus}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {course.translationStatus !== 'original' && (
        <Form error={setStatus.error} className="filters" onSubmit={(event) => event.preventDefault()}>
          <Field
            label={t('versions.setStatus')}
            name="translationStatus"
            hint={course.translationStatus === 'outdated' ? t('versions.outdatedHint') : undefined}
          >
            <select
              value={course.translationStatus}
              disabled={setStatus.isPending}
              onChange={(event) => setStatus.mutate({ id: course.id, translationStatus: event.target.value as SettableStatus })}
            >
              {SETTABLE_TRANSLATION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`translationStatuses.${status}`)}
                </option>
              ))}
            </select>
          </Field>
          <FormError />
        </Form>
      )}
      {missing.length > 0 && (
        <Form
          error={create.error}
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            if (!language) return;
            create.mutate(
              { courseId: course.id, language },
              {
                onSuccess: (version) => {
                  toast({ message: t('versions.created', { language: languageName(i18n.language, version.language) }), tone: 'success' });
                  void navigate(`/teach/${version.id}`);
                },
              },
            );
          }}
        >
          <Field label={t('versions.addIn')} name="language" hint={t('versions.addHint')}>
            <select value={language} onChange={(event) => setPicked(event.target.value as Locale)}>
              {missing.map((locale) => (
                <option key={locale} value={locale}>
                  {languageName(i18n.language, locale)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={create.isPending}>
            {t('versions.add')}
          </button>
          <FormError />
        </Form>
      )}
    </section>
  );
}

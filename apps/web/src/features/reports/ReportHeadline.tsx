import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { dateFormat, numberFormat } from '../../intl';

/**
 * The figure reports are written for: people trained, through how many activities and online
 * courses, since when — for the filters chosen. Worded without plurals (the counts may be "<5").
 */
export function ReportHeadline({ headline }: { headline: Schemas['ReportHeadlineDto'] }) {
  const { t, i18n } = useTranslation('courses');
  if (!headline.since) return null;
  const number = numberFormat(i18n.language);
  const count = (value: number | string) => (typeof value === 'number' ? number.format(value) : value);
  const since = dateFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(headline.since));
  return (
    <p className="headline">
      {t('reports.headline', {
        people: count(headline.people),
        activities: count(headline.activities),
        courses: count(headline.courses),
        since,
        interpolation: { escapeValue: false },
      })}
    </p>
  );
}

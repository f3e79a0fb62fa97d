import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { lastDayCounted } from './report-filters';
import { dateFormat, numberFormat } from '../../intl';

type Report = Schemas['MemberStateReportDto'];
type Counts = Schemas['ReportCountsDto'];

export const REPORT_COLUMNS: Array<keyof Counts> = [
  'officialsTrained',
  'female',
  'male',
  'other',
  'undisclosed',
  'enrolments',
  'completions',
  'certificates',
  'activities',
  'participants',
  'participantDays',
];

/** Counts in the reader's digits; a suppressed count ("<5") as the API wrote it. */
function useCount() {
  const { i18n } = useTranslation();
  const number = numberFormat(i18n.language);
  return (value: number | string) => (typeof value === 'number' ? number.format(value) : value);
}

/** The five States with the most officials trained. */
export function TopStates({ rows }: { rows: Report['rows'] }) {
  const { t } = useTranslation('courses');
  const count = useCount();
  const top = rows
    .filter((r) => typeof r.officialsTrained === 'number' && r.officialsTrained > 0)
    .sort((a, b) => (b.officialsTrained as number) - (a.officialsTrained as number))
    .slice(0, 5);
  if (top.length === 0) return null;
  return (
    <section aria-labelledby="top-heading">
      <h2 id="top-heading">{t('reports.top')}</h2>
      <ol>
        {top.map((row) => (
          <li key={row.memberState}>
            {row.name}: {count(row.officialsTrained)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One row per Member State and a total, for the period of the report. */
export function ReportTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('courses');
  const count = useCount();
  // The period as people say it: its first and last days counted, in the reader's language.
  const day = dateFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  const dayOf = (iso: string) => day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const caption = t('reports.caption', { from: dayOf(report.filters.from), to: dayOf(lastDayCounted(report.filters.to.slice(0, 10))) });
  return (
    // Wider than a screen with every column: a named region keyboard users can focus and scroll.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable (WCAG 2.1.1)
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.memberState')}</th>
            {REPORT_COLUMNS.map((column) => (
              <th scope="col" key={column}>
                {t(`reportColumns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.memberState}>
              <th scope="row">{row.name}</th>
              {REPORT_COLUMNS.map((column) => (
                <td key={column} className="number">
                  {count(row[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            {REPORT_COLUMNS.map((column) => (
              <td key={column} className="number">
                {count(report.totals[column])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, M49_REGIONS, type AgencyType, type M49Region } from '@ctlp/contracts';
import type { Schemas } from '../../api/client';
import { useMyCourses } from '../../api/use-courses';
import { useMe } from '../../api/use-me';
import { reportDownloadUrl, useMemberStateReport, type ReportQuery } from '../../api/use-reports';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { currentLocale } from '../../i18n';

type Report = Schemas['MemberStateReportDto'];
type Counts = Schemas['ReportCountsDto'];
const COLUMNS: Array<keyof Counts> = [
  'officialsTrained',
  'female',
  'male',
  'other',
  'undisclosed',
  'enrolments',
  'completions',
  'certificates',
];

function thisYear() {
  const year = new Date().getUTCFullYear();
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** Completions per month as bars: plain SVG, no chart library to download. */
function MonthsChart({ months }: { months: Report['months'] }) {
  const { t, i18n } = useTranslation('courses');
  const values = months.map((m) => (typeof m.completions === 'number' ? m.completions : 0));
  const max = Math.max(1, ...values);
  const barWidth = 28;
  const height = 140;
  const top = 16; // room for the label above the tallest bar
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  if (months.length === 0) return null;
  return (
    <figure className="chart">
      <figcaption>{t('reports.chartTitle')}</figcaption>
      <svg
        role="img"
        aria-labelledby="chart-summary"
        viewBox={`0 ${-top} ${months.length * (barWidth + 6)} ${height + 34 + top}`}
        width="100%"
        height={height + 34 + top}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="chart-summary">
          {t('reports.chartSummary', { list: months.map((m) => `${m.month}: ${m.completions}`).join(', ') })}
        </title>
        {months.map((m, index) => {
          const value = values[index]!;
          const h = (value / max) * height;
          const x = index * (barWidth + 6);
          return (
            <g key={m.month}>
              <rect x={x} y={height - h} width={barWidth} height={h} fill="#0b5aa2" />
              <text x={x + barWidth / 2} y={height - h - 4} textAnchor="middle" fontSize="11">
                {String(m.completions)}
              </text>
              <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" fontSize="10">
                {monthName.format(new Date(`${m.month}-01T00:00:00Z`))}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Admins and focal points: training counts per Member State, on screen and as files. */
export function ReportsPage() {
  const { t, i18n } = useTranslation('courses');
  const { data: me } = useMe();
  const isAdmin = me?.roles.includes('admin') ?? false;
  const { data: myCourses } = useMyCourses(isAdmin);
  const [draft, setDraft] = useState({
    ...thisYear(),
    courseId: '',
    topic: '',
    agencyType: '',
    region: '',
    includeZero: false,
    suppressBelow: '',
  });
  const toQuery = (d: typeof draft): ReportQuery => ({
    from: d.from,
    to: d.to,
    locale: currentLocale(),
    ...(d.courseId ? { courseId: d.courseId } : {}),
    ...(d.topic.trim() ? { topic: d.topic.trim() } : {}),
    ...(d.agencyType ? { agencyType: d.agencyType as AgencyType } : {}),
    ...(d.region ? { region: d.region as M49Region } : {}),
    ...(d.includeZero ? { includeZero: true } : {}),
    ...(d.suppressBelow ? { suppressBelow: Number(d.suppressBelow) } : {}),
  });
  const [query, setQuery] = useState<ReportQuery>(toQuery(draft));
  const { data, error, isFetching } = useMemberStateReport(query);
  const number = new Intl.NumberFormat(i18n.language);
  const show = (value: number | string) => (typeof value === 'number' ? number.format(value) : value);
  const top = data
    ? [...data.rows]
        .filter((r) => typeof r.officialsTrained === 'number' && r.officialsTrained > 0)
        .sort((a, b) => (b.officialsTrained as number) - (a.officialsTrained as number))
        .slice(0, 5)
    : [];

  function apply(event: FormEvent) {
    event.preventDefault();
    setQuery(toQuery(draft));
  }

  return (
    <section>
      <h1>{t('reports.title')}</h1>
      {!isAdmin && me && <p className="notice">{t('reports.ownStateOnly')}</p>}
      <form className="filters" onSubmit={apply} noValidate>
        <Field label={t('reports.from')}>
          <input type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
        </Field>
        <Field label={t('reports.to')} hint={t('reports.toHint')}>
          <input type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        </Field>
        {isAdmin && (
          <Field label={t('reports.course')}>
            <select value={draft.courseId} onChange={(event) => setDraft({ ...draft, courseId: event.target.value })}>
              <option value="">{t('common.all')}</option>
              {myCourses?.items.map((course) => (
                <option key={course.id} value={course.id}>
                  {course.title}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('reports.topic')}>
          <input value={draft.topic} onChange={(event) => setDraft({ ...draft, topic: event.target.value })} />
        </Field>
        <Field label={t('reports.agencyType')}>
          <select value={draft.agencyType} onChange={(event) => setDraft({ ...draft, agencyType: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {AGENCY_TYPES.map((agency) => (
              <option key={agency} value={agency}>
                {t(`agencyTypes.${agency}`)}
              </option>
            ))}
          </select>
        </Field>
        {isAdmin && (
          <Field label={t('reports.region')}>
            <select value={draft.region} onChange={(event) => setDraft({ ...draft, region: event.target.value })}>
              <option value="">{t('common.all')}</option>
              {M49_REGIONS.map((region) => (
                <option key={region} value={region}>
                  {t(`regions.${region}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('reports.suppressBelow')} hint={t('reports.suppressHint')}>
          <input
            type="number"
            min={2}
            max={100}
            value={draft.suppressBelow}
            onChange={(event) => setDraft({ ...draft, suppressBelow: event.target.value })}
          />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.includeZero}
            onChange={(event) => setDraft({ ...draft, includeZero: event.target.checked })}
          />{' '}
          {t('reports.includeZero')}
        </label>
        <button type="submit">{t('reports.apply')}</button>
      </form>
      <FormError error={error} />
      <p className="actions">
        <a className="button" href={reportDownloadUrl(query, 'xlsx')} download>
          {t('reports.downloadXlsx')}
        </a>
        <a className="button" href={reportDownloadUrl(query, 'csv')} download>
          {t('reports.downloadCsv')}
        </a>
        <span role="status" className="muted">
          {isFetching ? t('common.loading') : ''}
        </span>
      </p>
      {data && (
        <>
          <MonthsChart months={data.months} />
          {top.length > 0 && (
            <section aria-labelledby="top-heading">
              <h2 id="top-heading">{t('reports.top')}</h2>
              <ol>
                {top.map((row) => (
                  <li key={row.memberState}>
                    {row.name}: {show(row.officialsTrained)}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <div className="table-scroll">
            <table>
              <caption>{t('reports.caption', { from: data.filters.from.slice(0, 10), to: data.filters.to.slice(0, 10) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.memberState')}</th>
                  {COLUMNS.map((column) => (
                    <th scope="col" key={column}>
                      {t(`reportColumns.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={COLUMNS.length + 1}>{t('reports.empty')}</td>
                  </tr>
                )}
                {data.rows.map((row) => (
                  <tr key={row.memberState}>
                    <th scope="row">{row.name}</th>
                    {COLUMNS.map((column) => (
                      <td key={column} className="number">
                        {show(row[column])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('reports.total')}</th>
                  {COLUMNS.map((column) => (
                    <td key={column} className="number">
                      {show(data.totals[column])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

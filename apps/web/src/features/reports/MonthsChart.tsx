import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { dateFormat, numberFormat } from '../../intl';
import { BAR, barsOf, chartMeasures, type ChartMeasure, type ReportMonth } from './month-bars';

/** Counts in the reader's digits; a suppressed count ("<5") as the API wrote it. */
function useFormat() {
  const { i18n } = useTranslation();
  const number = numberFormat(i18n.language);
  const short = dateFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const long = dateFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const first = (month: string) => new Date(`${month}-01T00:00:00Z`);
  return {
    count: (value: number | string) => (typeof value === 'number' ? number.format(value) : value),
    month: (month: string) => short.format(first(month)),
    longMonth: (month: string) => long.format(first(month)),
  };
}

const COLOURS: Record<ChartMeasure, string> = { completions: '#0b5aa2', activities: '#8a4500', participantDays: '#1e6b34' };

/** One measure per month as bars: plain SVG, no chart library to download. */
function MonthBars({ months, measure }: { months: ReportMonth[]; measure: ChartMeasure }) {
  const { t, i18n } = useTranslation('courses');
  const format = useFormat();
  const titleId = useId();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const top = 16; // room for the label above the tallest bar
  const title = t(`reportCharts.${measure}`);
  const bars = barsOf(months, measure, rtl);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        viewBox={`${-BAR.pad} ${-top} ${months.length * (BAR.width + BAR.gap) + 2 * BAR.pad} ${BAR.height + 34 + top}`}
        width="100%"
        height={BAR.height + 34 + top}
        preserveAspectRatio={rtl ? 'xMaxYMin meet' : 'xMinYMin meet'}
      >
        <title id={titleId}>
          {t('reports.chartSummary', {
            title,
            list: months.map((m) => `${format.longMonth(m.month)}: ${format.count(m[measure])}`).join(', '),
            interpolation: { escapeValue: false },
          })}
        </title>
        {bars.map((bar) => (
          <g key={bar.month}>
            <rect x={bar.x} y={BAR.height - bar.height} width={BAR.width} height={bar.height} fill={COLOURS[measure]} />
            <text x={bar.x + BAR.width / 2} y={BAR.height - bar.height - 4} textAnchor="middle" fontSize="11">
              {format.count(bar.value)}
            </text>
            <text x={bar.x + BAR.width / 2} y={BAR.height + 16} textAnchor="middle" fontSize="10">
              {format.month(bar.month)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/**
 * Training per month: completions of online courses, and activities with their participant-days,
 * as the report's source filter counts them — a small chart each (their scales differ), and the
 * same figures as a table for those who read them rather than see them.
 */
export function MonthsChart({ months, source }: { months: Schemas['MemberStateReportDto']['months']; source: Schemas['ReportSource'] }) {
  const { t } = useTranslation('courses');
  const format = useFormat();
  const measures = chartMeasures(source);
  if (months.length === 0) return null;
  return (
    <section aria-labelledby="months-heading">
      <h2 id="months-heading">{t('reports.monthsTitle')}</h2>
      <div className="charts">
        {measures.map((measure) => (
          <MonthBars key={measure} months={months} measure={measure} />
        ))}
      </div>
      <details className="chart-data">
        <summary>{t('reports.chartTable')}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('reports.monthsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.month')}</th>
                {measures.map((measure) => (
                  <th scope="col" key={measure}>
                    {t(`reportColumns.${measure}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{format.longMonth(m.month)}</th>
                  {measures.map((measure) => (
                    <td key={measure} className="number">
                      {format.count(m[measure])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

type Months = Schemas['MemberStateReportDto']['months'];

/** Completions per month as bars: plain SVG, no chart library to download. */
export function MonthsChart({ months }: { months: Months }) {
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

import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { BAR, chartMeasures, layoutBars, type ChartMeasure, type ReportMonth } from './month-bars';
import { dateFormat, numberFormat } from '../../intl';

/** Counts in the reader's digits; a suppressed count ("<5") as the API wrote it. */
function useFormat() {
  const { i18n } = useTranslation();
  const number = numberFormat(i18n.language);
  const short = dateFormat(i18n.language, { month: 'short', timeZone: 'UTC' });
  const year = dateFormat(i18n.language, { year: 'numeric', timeZone: 'UTC' });
  const long = dateFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const first = (month: string) => new Date(`${month}-01T00:00:00Z`);
  return {
    count: (value: number | string) => (typeof value === 'number' ? number.format(value) : value),
    month: (month: string) => short.format(first(month)),
    year: (month: string) => year.format(first(month)),
    longMonth: (month: string) => long.format(first(month)),
  };
}

/** The width an element is given and its font, followed as the window or the layout changes them. */
function useFrame(element: RefObject<HTMLElement | null>): { width: number; font: string } {
  const [frame, setFrame] = useState({ width: 0, font: 'sans-serif' });
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    // A resize observer reports the first size too, before the page is painted.
    const observer = new ResizeObserver(() => setFrame({ width: node.clientWidth, font: getComputedStyle(node).fontFamily }));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return frame;
}

let measuring: CanvasRenderingContext2D | null | undefined;

/** The widest of `texts` in the chart's font, so labels are thinned by the room they really take. */
function widest(texts: string[], fontSize: number, fontFamily: string): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return Math.max(0, ...texts.map((text) => text.length * fontSize * 0.7));
  measuring.font = `${fontSize}px ${fontFamily}`;
  return Math.max(0, ...texts.map((text) => measuring!.measureText(text).width));
}

const COLOURS: Record<ChartMeasure, string> = { completions: '#0b5aa2', activities: '#8a4500', participantDays: '#1e6b34' };

/**
 * One measure per month as bars: plain SVG, no chart library to download, drawn at the width of
 * its column (measured, so the text keeps its size instead of shrinking with the picture). In a
 * right-to-left language the months run right to left, as the reader reads.
 */
function MonthBars({ months, measure }: { months: ReportMonth[]; measure: ChartMeasure }) {
  const { t, i18n } = useTranslation('courses');
  const format = useFormat();
  const titleId = useId();
  const frame = useRef<HTMLDivElement>(null);
  const { width, font } = useFrame(frame);
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const title = t(`reportCharts.${measure}`);
  const labels = months.flatMap((m) => [format.month(m.month), format.year(m.month)]);
  const labelWidth = widest(labels, BAR.monthFont, font);
  const countWidth = widest(
    months.map((m) => format.count(m[measure])),
    BAR.countFont,
    font,
  );
  const { bars, showCounts } = layoutBars(months, measure, { width, rtl, labelWidth, countWidth });
  const height = BAR.top + BAR.height + BAR.bottom;
  const base = BAR.top + BAR.height;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={frame} className="chart-frame">
        {width > 0 && (
          <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
            <title id={titleId}>
              {t('reports.chartSummary', {
                title,
                list: months.map((m) => `${format.longMonth(m.month)}: ${format.count(m[measure])}`).join(', '),
                interpolation: { escapeValue: false },
              })}
            </title>
            <line x1={0} x2={width} y1={base + 0.5} y2={base + 0.5} className="chart-axis" />
            {bars.map((bar) => (
              <g key={bar.month}>
                <rect x={bar.x - bar.width / 2} y={base - bar.height} width={bar.width} height={bar.height} fill={COLOURS[measure]} />
                {showCounts && (
                  <text x={bar.x} y={base - bar.height - 4} textAnchor="middle" fontSize={BAR.countFont}>
                    {format.count(bar.value)}
                  </text>
                )}
                {(bar.label.month || bar.label.year) && (
                  <text className="chart-label" x={bar.labelX} y={base + 15} textAnchor="middle" fontSize={BAR.monthFont}>
                    {bar.label.month ? format.month(bar.month) : format.year(bar.month)}
                    {bar.label.month && bar.label.year && (
                      <tspan x={bar.labelX} dy={15} className="chart-year">
                        {format.year(bar.month)}
                      </tspan>
                    )}
                  </text>
                )}
              </g>
            ))}
          </svg>
        )}
      </div>
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

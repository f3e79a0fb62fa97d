import type { Schemas } from '../../api/client';

export type ReportMonth = Schemas['MemberStateReportDto']['months'][number];
export type ChartMeasure = 'completions' | 'activities' | 'participantDays';

/**
 * What the charts show for what the report counts: completions of online courses, and for
 * activities how many ended in the month and the participant-days they gave.
 */
export function chartMeasures(source: Schemas['ReportSource']): ChartMeasure[] {
  if (source === 'online') return ['completions'];
  if (source === 'activities') return ['activities', 'participantDays'];
  return ['completions', 'activities', 'participantDays'];
}

/** Sizes in CSS pixels (the picture is drawn at the width it is given, never stretched). */
export const BAR = {
  /** The tallest bar. */
  height: 140,
  /** Room above the tallest bar for its count. */
  top: 18,
  /** Room under the bars for two lines of labels: the month, and the year where one starts. */
  bottom: 36,
  /** The widest a bar gets when there are few months. */
  maxWidth: 48,
  /** The least space between two labels. */
  labelGap: 8,
  monthFont: 12,
  countFont: 11,
} as const;

export interface Bar {
  month: string;
  /** Centre of the month's column, in pixels from the left: months run right to left in a right-to-left language. */
  x: number;
  width: number;
  height: number;
  /** The count as the API gave it: a number, or a suppressed "<5". */
  value: number | string;
  /** What the axis writes under this month: its name, its year (where a year starts), both or nothing. */
  label: { month: boolean; year: boolean };
  /** The centre of the label, moved inwards when the first or last would stick out of the picture. */
  labelX: number;
}

export interface BarLayout {
  bars: Bar[];
  /** Counts are written above the bars only when each has room for its widest. */
  showCounts: boolean;
}

/** Every how many months a label may go: steps that divide a year, then whole years. */
const STEPS = [1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600];

/**
 * One bar per month across the whole `width`, the tallest `BAR.height`; a suppressed count draws
 * no bar but keeps its column. Labels are thinned to every 2nd, 3rd… month until the widest
 * (`labelWidth`, measured in the reader's font) fits between two; past a year a step names only
 * years. The first label of each year carries the year, so the axis says which year it is.
 */
export function layoutBars(
  months: ReportMonth[],
  measure: ChartMeasure,
  { width, rtl, labelWidth, countWidth }: { width: number; rtl: boolean; labelWidth: number; countWidth: number },
): BarLayout {
  const values = months.map((m) => (typeof m[measure] === 'number' ? m[measure] : 0));
  const max = Math.max(1, ...values);
  const column = width / Math.max(1, months.length);
  const barWidth = Math.max(1, Math.min(BAR.maxWidth, column * 0.7));
  const every = STEPS.find((step) => step * column >= labelWidth + BAR.labelGap) ?? months.length;
  const monthOf = (key: string) => Number(key.slice(5, 7)) - 1;
  // Months from the period's first, so the axis always says where it starts; past a year, the
  // Januaries of every 1st, 2nd, 5th… year, and the first month too when it leaves room before them.
  const firstJanuary = months.findIndex((m) => monthOf(m.month) === 0 && Number(m.month.slice(0, 4)) % (every / 12) === 0);
  const shown = (index: number, key: string) => {
    if (every < 12) return index % every === 0;
    if (monthOf(key) === 0 && Number(key.slice(0, 4)) % (every / 12) === 0) return true;
    return index === 0 && (firstJanuary < 0 || firstJanuary * column >= labelWidth + BAR.labelGap);
  };
  const half = labelWidth / 2 + 1;
  let lastYear = '';
  const bars = months.map((m, index) => {
    const x = ((rtl ? months.length - 1 - index : index) + 0.5) * column;
    const visible = shown(index, m.month);
    const year = m.month.slice(0, 4);
    const label = { month: visible && every < 12, year: visible && (year !== lastYear || every >= 12) };
    if (visible) lastYear = year;
    return {
      month: m.month,
      x,
      width: barWidth,
      height: (values[index]! / max) * BAR.height,
      value: m[measure],
      label,
      labelX: Math.min(Math.max(x, half), Math.max(half, width - half)),
    };
  });
  return { bars, showCounts: column >= countWidth + 2 };
}

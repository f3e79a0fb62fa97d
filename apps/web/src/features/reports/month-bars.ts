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

export interface Bar {
  month: string;
  /** Left edge in the chart's own units: months run right to left in a right-to-left language. */
  x: number;
  height: number;
  /** The count as the API gave it: a number, or a suppressed "<5". */
  value: number | string;
}

/** Sizes in the chart's own units; `pad` keeps the first and last month's labels inside the picture. */
export const BAR = { width: 28, gap: 10, height: 140, pad: 8 } as const;

/** One bar per month, the tallest `BAR.height`; a suppressed count draws no bar but keeps its label. */
export function barsOf(months: ReportMonth[], measure: ChartMeasure, rtl: boolean): Bar[] {
  const values = months.map((m) => (typeof m[measure] === 'number' ? m[measure] : 0));
  const max = Math.max(1, ...values);
  const step = BAR.width + BAR.gap;
  return months.map((m, index) => ({
    month: m.month,
    x: (rtl ? months.length - 1 - index : index) * step,
    height: (values[index]! / max) * BAR.height,
    value: m[measure],
  }));
}

import { describe, expect, it } from '@jest/globals';
import { endAfter, filtersFromSearch, filtersToSearch, lastDayCounted, reportQueryOf } from '../src/features/reports/report-filters';
import { BAR, chartMeasures, layoutBars } from '../src/features/reports/month-bars';

describe('the report source in the address', () => {
  it('keeps online or activities in the address and sends it; leaves out what the API would refuse', () => {
    const filters = filtersFromSearch(new URLSearchParams('from=2026-01-01&to=2027-01-01&source=activities'));
    expect(filters.source).toBe('activities');
    expect(filtersToSearch(filters).get('source')).toBe('activities');
    expect(reportQueryOf(filters, 'en').source).toBe('activities');

    const unknown = filtersFromSearch(new URLSearchParams('source=everything'));
    expect(reportQueryOf(unknown, 'en')).not.toHaveProperty('source');
    const all = filtersFromSearch(new URLSearchParams(''));
    expect(filtersToSearch(all).has('source')).toBe(false);
    expect(reportQueryOf(all, 'en')).not.toHaveProperty('source');
  });
});

describe('the end of the period', () => {
  it('shows the last day counted and sends the day after it, across months, years and leap days', () => {
    expect(lastDayCounted('2027-01-01')).toBe('2026-12-31');
    expect(lastDayCounted('2028-03-01')).toBe('2028-02-29');
    expect(endAfter('2026-12-31')).toBe('2027-01-01');
    expect(endAfter('2028-02-28')).toBe('2028-02-29');
    for (const day of ['2026-06-30', '2024-02-29', '2026-01-01']) expect(lastDayCounted(endAfter(day))).toBe(day);
    expect(lastDayCounted('')).toBe('');
    expect(endAfter('')).toBe('');
  });
});

describe('the charts per month', () => {
  const months = [
    { month: '2027-01', completions: 10, activities: 2, participantDays: 40 },
    { month: '2027-02', completions: '<5', activities: 0, participantDays: 0 },
    { month: '2027-03', completions: 5, activities: 1, participantDays: 80 },
  ];

  it('shows what the source filter counts', () => {
    expect(chartMeasures('online')).toEqual(['completions']);
    expect(chartMeasures('activities')).toEqual(['activities', 'participantDays']);
    expect(chartMeasures('all')).toEqual(['completions', 'activities', 'participantDays']);
  });

  it('spans the whole width, scales to the largest month, draws a suppressed count as no bar, and runs right to left in Arabic', () => {
    const sizes = { width: 300, labelWidth: 30, countWidth: 10 };
    const ltr = layoutBars(months, 'completions', { ...sizes, rtl: false }).bars;
    expect(ltr.map((bar) => [bar.x, bar.height, bar.value])).toEqual([
      [50, BAR.height, 10],
      [150, 0, '<5'],
      [250, BAR.height / 2, 5],
    ]);
    const rtl = layoutBars(months, 'participantDays', { ...sizes, rtl: true }).bars;
    expect(rtl.map((bar) => [bar.month, bar.x])).toEqual([
      ['2027-01', 250],
      ['2027-02', 150],
      ['2027-03', 50],
    ]);
    expect(rtl[2]!.height).toBe(BAR.height);
    // A period with nothing in it draws empty bars rather than dividing by zero.
    const empty = [{ month: '2027-04', completions: 0, activities: 0, participantDays: 0 }];
    expect(layoutBars(empty, 'activities', { ...sizes, rtl: false }).bars[0]!.height).toBe(0);
  });

  const year = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const m = from + i;
      const month = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      return { month, completions: 1, activities: 0, participantDays: 0 };
    });
  const labelled = (bars: ReturnType<typeof layoutBars>['bars']) =>
    bars.filter((bar) => bar.label.month || bar.label.year).map((bar) => `${bar.month}${bar.label.year ? '+year' : ''}`);

  it('labels every month when they fit, and marks the year where the period and each year start', () => {
    const { bars } = layoutBars(year(10, 4), 'completions', { width: 800, rtl: false, labelWidth: 40, countWidth: 10 });
    expect(labelled(bars)).toEqual(['2025-11+year', '2025-12', '2026-01+year', '2026-02']);
  });

  it('thins labels to calendar steps until the widest fits, never two closer than their width', () => {
    // 24 months in 390 px: a 16 px column; a 40 px label needs every 3rd month (48 px).
    const { bars, showCounts } = layoutBars(year(0, 24), 'completions', { width: 390, rtl: false, labelWidth: 40, countWidth: 20 });
    expect(labelled(bars)).toEqual(['2025-01+year', '2025-04', '2025-07', '2025-10', '2026-01+year', '2026-04', '2026-07', '2026-10']);
    expect(showCounts).toBe(false);
    // Fifty years in a phone: a label per decade, years only.
    const long = layoutBars(
      Array.from({ length: 600 }, (_, i) => ({
        month: `${1980 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        completions: 0,
        activities: 0,
        participantDays: 0,
      })),
      'completions',
      { width: 350, rtl: false, labelWidth: 30, countWidth: 10 },
    );
    const shown = long.bars.filter((bar) => bar.label.year);
    expect(shown.every((bar) => !bar.label.month)).toBe(true);
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.x - shown[i - 1]!.x).toBeGreaterThanOrEqual(30 + BAR.labelGap);
  });

  it('keeps the first and last labels inside the picture', () => {
    const { bars } = layoutBars(year(0, 12), 'completions', { width: 360, rtl: true, labelWidth: 56, countWidth: 10 });
    for (const bar of bars) {
      expect(bar.labelX - 28).toBeGreaterThanOrEqual(0);
      expect(bar.labelX + 28).toBeLessThanOrEqual(360);
    }
  });
});

describe('counting courses by family in the address', () => {
  it('keeps countCoursesBy=family in the address and sends it; anything else is the default', () => {
    const filters = filtersFromSearch(new URLSearchParams('from=2026-01-01&to=2027-01-01&countCoursesBy=family'));
    expect(filtersToSearch(filters).get('countCoursesBy')).toBe('family');
    expect(reportQueryOf(filters, 'en').countCoursesBy).toBe('family');
    const other = filtersFromSearch(new URLSearchParams('countCoursesBy=languages'));
    expect(reportQueryOf(other, 'en')).not.toHaveProperty('countCoursesBy');
    expect(reportQueryOf(filtersFromSearch(new URLSearchParams('')), 'en')).not.toHaveProperty('countCoursesBy');
  });
});

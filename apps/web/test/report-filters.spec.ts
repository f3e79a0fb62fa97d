import { describe, expect, it } from '@jest/globals';
import { endAfter, filtersFromSearch, filtersToSearch, lastDayCounted, reportQueryOf } from '../src/features/reports/report-filters';
import { BAR, barsOf, chartMeasures } from '../src/features/reports/month-bars';

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

  it('scales to the largest month, draws a suppressed count as no bar with its label, and runs right to left in Arabic', () => {
    const ltr = barsOf(months, 'completions', false);
    expect(ltr.map((bar) => [bar.x, bar.height, bar.value])).toEqual([
      [0, BAR.height, 10],
      [BAR.width + BAR.gap, 0, '<5'],
      [2 * (BAR.width + BAR.gap), BAR.height / 2, 5],
    ]);
    const rtl = barsOf(months, 'participantDays', true);
    expect(rtl.map((bar) => [bar.month, bar.x])).toEqual([
      ['2027-01', 2 * (BAR.width + BAR.gap)],
      ['2027-02', BAR.width + BAR.gap],
      ['2027-03', 0],
    ]);
    expect(rtl[2]!.height).toBe(BAR.height);
    // A period with nothing in it draws empty bars rather than dividing by zero.
    expect(barsOf([{ month: '2027-04', completions: 0, activities: 0, participantDays: 0 }], 'activities', false)[0]!.height).toBe(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { filtersFromSearch, filtersToSearch, reportQueryOf } from '../src/features/reports/report-filters';

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

import { AGENCY_TYPES, isTopic, M49_REGIONS, type AgencyType, type Locale, type M49Region } from '@ctlp/contracts';
import type { Schemas } from '../../api/client';
import type { ReportQuery } from '../../api/reports/use-member-state-report';

/** The report's filters as the form edits them and the address keeps them (`?from=…&to=…&region=…`). */
export interface ReportFilters {
  from: string;
  to: string;
  courseId: string;
  topic: string;
  agencyType: string;
  region: string;
  /** '' (online and activities), 'online' or 'activities'. */
  source: string;
  /** '' (each language version of a course apart) or 'family' (a course's versions as one). */
  countCoursesBy: string;
  includeZero: boolean;
  suppressBelow: string;
}

/** The current calendar year (UTC), the end excluded. */
export function thisYear(): { from: string; to: string } {
  const year = new Date().getUTCFullYear();
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

const DAY_MS = 86_400_000;

/**
 * The last day a period counts, from the end the API and the address take (the day after it,
 * excluded): people think of "1 January to 31 December", the API of [from, to).
 */
export function lastDayCounted(to: string): string {
  const end = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(end) ? to : new Date(end - DAY_MS).toISOString().slice(0, 10);
}

/** The excluded end the API takes for a period whose last day counted is `lastDay`. */
export function endAfter(lastDay: string): string {
  const day = Date.parse(`${lastDay}T00:00:00Z`);
  return Number.isNaN(day) ? lastDay : new Date(day + DAY_MS).toISOString().slice(0, 10);
}

const TEXT_FILTERS = ['courseId', 'topic', 'agencyType', 'region', 'source', 'countCoursesBy', 'suppressBelow'] as const;

/** What a report may count besides everything. */
export const REPORT_SOURCES: ReadonlyArray<Schemas['ReportSource']> = ['online', 'activities'];

/** What the address says, the current year when it names no period. */
export function filtersFromSearch(params: URLSearchParams): ReportFilters {
  const period = thisYear();
  return {
    from: params.get('from') || period.from,
    to: params.get('to') || period.to,
    courseId: params.get('courseId') ?? '',
    topic: params.get('topic') ?? '',
    agencyType: params.get('agencyType') ?? '',
    region: params.get('region') ?? '',
    source: params.get('source') ?? '',
    countCoursesBy: params.get('countCoursesBy') ?? '',
    includeZero: params.get('includeZero') === 'true',
    suppressBelow: params.get('suppressBelow') ?? '',
  };
}

/** Every filter that is set, so the address is a bookmark of this very report. */
export function filtersToSearch(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const name of TEXT_FILTERS) if (filters[name].trim()) params.set(name, filters[name].trim());
  if (filters.includeZero) params.set('includeZero', 'true');
  return params;
}

/** The API's query for these filters; values the API cannot take are left out rather than sent. */
export function reportQueryOf(filters: ReportFilters, locale: Locale): ReportQuery {
  const suppressBelow = Number(filters.suppressBelow);
  return {
    from: filters.from,
    to: filters.to,
    locale,
    ...(filters.courseId ? { courseId: filters.courseId } : {}),
    ...(isTopic(filters.topic) ? { topic: filters.topic } : {}),
    ...((AGENCY_TYPES as readonly string[]).includes(filters.agencyType) ? { agencyType: filters.agencyType as AgencyType } : {}),
    ...((M49_REGIONS as readonly string[]).includes(filters.region) ? { region: filters.region as M49Region } : {}),
    ...((REPORT_SOURCES as readonly string[]).includes(filters.source) ? { source: filters.source as Schemas['ReportSource'] } : {}),
    ...(filters.countCoursesBy === 'family' ? { countCoursesBy: 'family' as const } : {}),
    ...(filters.includeZero ? { includeZero: true } : {}),
    ...(filters.suppressBelow && Number.isFinite(suppressBelow) ? { suppressBelow } : {}),
  };
}

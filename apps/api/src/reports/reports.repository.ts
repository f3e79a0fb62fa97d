import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgencyType, Locale, M49Region } from '@ctlp/contracts';

/** Which States and officials a report covers, over [from, to). */
export interface ReportScope {
  from: Date;
  to: Date;
  agencyType: AgencyType | null;
  /** A focal point's own State. */
  memberState: string | null;
  region: M49Region | null;
  /** Language of the State names. */
  locale: Locale;
  /** List the States without activity too. */
  includeZero: boolean;
}

/** Course and topic are not kept in the summary: a scope with them is counted from the rows. */
export interface ReportRowsScope extends ReportScope {
  courseId: string | null;
  topic: string | null;
}

/** The counts of one State: officials trained (split by gender), and the events of the period. */
export interface ReportStateRow {
  code: string;
  name: string;
  region: string;
  officials: number;
  female: number;
  male: number;
  other: number;
  undisclosed: number;
  enrolments: number;
  completions: number;
  certificates: number;
}

/** Completions of one UTC month (`2026-03`) of the period; months without any are absent. */
export interface ReportMonthRow {
  month: string;
  completions: number;
}

export interface ReportCounts {
  states: ReportStateRow[];
  months: ReportMonthRow[];
}

/** One statement returns both: the State rows (month null), then the months (code null). */
type CountedRow = ReportStateRow & { month: string | null };

// The parameters both queries share, in this order.
const scopeParams = (scope: ReportScope) => [
  scope.from,
  scope.to,
  scope.agencyType,
  scope.memberState,
  scope.region,
  scope.locale,
  scope.includeZero,
];
const agency = (alias: string) => `($3::agency_type IS NULL OR ${alias}.agency_type = $3)`;

/** The States a report covers, named in its language. */
const STATES = `states AS (
         SELECT ms.code, coalesce(ms.names ->> $6, ms.names ->> 'en') AS name, ms.region FROM member_states ms
          WHERE ($4::char(3) IS NULL OR ms.code = $4) AND ($5::text IS NULL OR ms.region = $5)
       )`;

/**
 * The report events (user_id, occurred_at, enrolments, completions, certificates) that occurred in
 * `window`, as report_enrolment_events and report_certificate_events define them
 * (sql/report-summary/), of the enrolments and certificates that `rows` (a condition on `e` or `c`,
 * whose columns they share: course_id, user_id) lets through. The first test of each WHERE is an
 * index-friendly prefilter beside that definition: an enrolment's events occur at its enrolled_at
 * or its completed_at, a certificate's at its issued_at, so rows with neither in the window have
 * no event in it, and the indexes on those columns find the others without reading every
 * enrolment. The definition decides the rest.
 */
const rowEvents = (window: (instant: string) => string, rows: (alias: string) => string = () => 'true') => `
         SELECT ev.*
           FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
          WHERE (${window('e.enrolled_at')} OR ${window('e.completed_at')}) AND ${rows('e')} AND ${window('ev.occurred_at')}
         UNION ALL
         SELECT ev.*
           FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev
          WHERE ${window('c.issued_at')} AND ${rows('c')} AND ${window('ev.occurred_at')}`;

/** Officials trained, split by gender, over rows of one official each. */
const officialCounts = (gender: string) => `count(*)::int AS officials,
                count(*) FILTER (WHERE ${gender} = 'female')::int AS female,
                count(*) FILTER (WHERE ${gender} = 'male')::int AS male,
                count(*) FILTER (WHERE ${gender} = 'other')::int AS other,
                count(*) FILTER (WHERE ${gender} = 'undisclosed')::int AS undisclosed`;

/**
 * The State rows (States without activity only when asked), then the months with completions,
 * from the caller's `counted` (events per State), `trained` (officials per State) and `monthly`.
 */
const STATE_ROWS_THEN_MONTHS = `
       SELECT s.code, s.name, s.region,
              coalesce(d.officials, 0) AS officials, coalesce(d.female, 0) AS female, coalesce(d.male, 0) AS male,
              coalesce(d.other, 0) AS other, coalesce(d.undisclosed, 0) AS undisclosed,
              coalesce(c.enrolments, 0) AS enrolments, coalesce(c.completions, 0) AS completions, coalesce(c.certificates, 0) AS certificates,
              NULL AS month
         FROM states s
         LEFT JOIN counted c ON c.code = s.code
         LEFT JOIN trained d ON d.code = s.code
        WHERE $7 OR c.enrolments > 0 OR c.completions > 0 OR c.certificates > 0 OR d.officials > 0
       UNION ALL
       SELECT NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, completions, 0, to_char(month, 'YYYY-MM')
         FROM monthly WHERE completions > 0
        ORDER BY month NULLS FIRST, name, code`;

/** [wholeFrom, wholeTo): the whole UTC months inside [from, to); empty (both = to) when there are none. */
function wholeMonths(from: Date, to: Date): [Date, Date] {
  const monthStart = (d: Date, next: boolean) => {
    const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    return next && start < d ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) : start;
  };
  const wholeFrom = monthStart(from, true);
  const wholeTo = monthStart(to, false);
  return wholeFrom < wholeTo ? [wholeFrom, wholeTo] : [to, to];
}

function split(result: CountedRow[]): ReportCounts {
  return {
    states: result.filter((row) => row.month === null),
    months: result.filter((row) => row.month !== null).map((row) => ({ month: row.month!, completions: row.completions })),
  };
}

/** Every statement of the member-state report. What counts is defined in SQL (see README.md). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * From the summary kept by triggers: report_monthly for the whole months of the period, the
   * rows' events for the partial months at either end, report_officials for the officials trained
   * (one overlap test each): a few thousand summary rows instead of every enrolment.
   */
  async countFromSummary(scope: ReportScope, manager: EntityManager = this.dataSource.manager): Promise<ReportCounts> {
    const [wholeFrom, wholeTo] = wholeMonths(scope.from, scope.to);
    const edges = (instant: string) => `((${instant} >= $1 AND ${instant} < $8) OR (${instant} >= $9 AND ${instant} < $2))`;
    const result: CountedRow[] = await manager.query(
      `WITH ${STATES},
       events AS (
         SELECT r.member_state AS code, r.month, r.enrolments, r.completions, r.certificates
           FROM report_monthly r JOIN states s ON s.code = r.member_state
          WHERE r.month >= report_month($8) AND r.month < report_month($9) AND ${agency('r')}
         UNION ALL
         SELECT u.member_state, report_month(ev.occurred_at), ev.enrolments, ev.completions, ev.certificates
           FROM (${rowEvents(edges)}
                ) ev
           JOIN users u ON u.id = ev.user_id JOIN states s ON s.code = u.member_state
          WHERE ${agency('u')}
       ),
       counted AS (
         SELECT code, sum(enrolments)::int AS enrolments, sum(completions)::int AS completions, sum(certificates)::int AS certificates
           FROM events GROUP BY code
       ),
       monthly AS (SELECT month, sum(completions)::int AS completions FROM events GROUP BY month),
       trained AS (
         SELECT o.member_state AS code, ${officialCounts('o.gender')}
           FROM report_officials o JOIN states s ON s.code = o.member_state
          WHERE o.completed && tstzrange($1, $2) AND ${agency('o')}
          GROUP BY o.member_state
       )
       ${STATE_ROWS_THEN_MONTHS}`,
      [...scopeParams(scope), wholeFrom, wholeTo],
    );
    return split(result);
  }

  /** From the enrolments and certificates themselves: for course and topic filters, which the summary does not keep. */
  async countFromRows(scope: ReportRowsScope, manager: EntityManager = this.dataSource.manager): Promise<ReportCounts> {
    const period = (instant: string) => `(${instant} >= $1 AND ${instant} < $2)`;
    // The course filter applies to the rows before their events are read: a topic leaves a quarter of them.
    const ofCourses = (alias: string) =>
      `${alias}.course_id IN (SELECT c.id FROM courses c WHERE ($8::uuid IS NULL OR c.id = $8) AND ($9::text IS NULL OR $9 = ANY(c.topics)))`;
    const result: CountedRow[] = await manager.query(
      `WITH ${STATES},
       -- One pass over the events, grouped three ways: per State, per month, and per official with a
       -- completion (for the officials trained; the State's other events make one group without an
       -- official). Sorting only those by official costs less than a second pass over the rows.
       grouped AS (
         SELECT grouping(ev.month) = 0 AS per_month, grouping(ev.official) = 0 AS per_official,
                u.member_state AS code, ev.month, ev.official, u.gender,
                sum(ev.enrolments)::int AS enrolments, sum(ev.completions)::int AS completions, sum(ev.certificates)::int AS certificates
           FROM (SELECT ev.*, report_month(ev.occurred_at) AS month, CASE WHEN ev.completions > 0 THEN ev.user_id END AS official
                   FROM (${rowEvents(period, ofCourses)}
                        ) ev) ev
           JOIN users u ON u.id = ev.user_id JOIN states s ON s.code = u.member_state
          WHERE ${agency('u')}
          GROUP BY GROUPING SETS ((u.member_state), (ev.month), (u.member_state, ev.official, u.gender))
       ),
       counted AS (SELECT code, enrolments, completions, certificates FROM grouped WHERE NOT per_month AND NOT per_official),
       monthly AS (SELECT month, completions FROM grouped WHERE per_month),
       trained AS (SELECT code, ${officialCounts('gender')} FROM grouped WHERE per_official AND official IS NOT NULL GROUP BY code)
       ${STATE_ROWS_THEN_MONTHS}`,
      [...scopeParams(scope), scope.courseId, scope.topic],
    );
    return split(result);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgencyType, CourseCounting, Locale, M49Region, ReportSource } from '@ctlp/contracts';

/** Which States, people and sources a report covers, over [from, to). */
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
  /** Online courses, training activities, or both. */
  source: ReportSource;
  /** Each language version of a course apart, or a family of versions as one course. */
  countCoursesBy: CourseCounting;
}

/** Course and topic are not kept in the summary: a scope with them is counted from the rows. */
export interface ReportRowsScope extends ReportScope {
  courseId: string | null;
  topic: string | null;
}

/**
 * The counts of one State: people trained (split by gender), the online events of the period, and
 * the activities held in or for it with the participants and participant-days of its people.
 */
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
  activities: number;
  participants: number;
  participantDays: number;
}

/** One UTC month (`2026-03`) of the period; months without any of these are absent. */
export interface ReportMonthRow {
  month: string;
  completions: number;
  activities: number;
  participantDays: number;
}

/** Across the States of the report: distinct activities and courses, and the first event. */
export interface ReportTotalsRow {
  activities: number;
  courses: number;
  since: Date | null;
}

/** Learners with both a pre-test and a post-test score, and their means (0–100, in points). */
export interface KnowledgeGainRow {
  kind: 'course' | 'state' | 'total';
  /** The course's id or the State's code; null on the total. */
  key: string | null;
  /** The course's title or the State's name; null on the total. */
  name: string | null;
  learners: number;
  /** numeric: pg returns them as text. */
  meanPre: string;
  meanPost: string;
  meanGain: string;
}

export interface ReportCounts {
  states: ReportStateRow[];
  months: ReportMonthRow[];
  totals: ReportTotalsRow;
}

/** One statement returns all three, told apart by `kind`. */
type CountedRow = ReportStateRow & { kind: 'state' | 'month' | 'total'; month: string | null; courses: number; since: Date | null };

// The parameters both queries share, in this order.
const scopeParams = (scope: ReportScope) => [
  scope.from,
  scope.to,
  scope.agencyType,
  scope.memberState,
  scope.region,
  scope.locale,
  scope.includeZero,
  scope.source !== 'activities',
  scope.source !== 'online',
];
// A person without an agency (an attendance list that did not say) counts only when no agency is asked for.
const agency = (alias: string) => `($3::agency_type IS NULL OR ${alias}.agency_type = $3)`;
/** $8: online courses are counted; $9: activities are. */
const ONLINE = '$8::boolean';
const ACTIVITIES = '$9::boolean';

/** The States a report covers, named in its language. */
const STATES = `states AS (
         SELECT ms.code, coalesce(ms.names ->> $6, ms.names ->> 'en') AS name, ms.region FROM member_states ms
          WHERE ($4::char(3) IS NULL OR ms.code = $4) AND ($5::text IS NULL OR ms.region = $5)
       )`;

/**
 * STATES as a condition on a row's State: folded away when the parameters are null; with a region,
 * its States as one array computed once, which an index on the State takes as a condition.
 */
const IN_STATES = (code: string) =>
  `($4::char(3) IS NULL OR ${code} = $4) AND ($5::text IS NULL OR ${code} = ANY (ARRAY(SELECT ms.code FROM member_states ms WHERE ms.region = $5)))`;

/**
 * The course filter ($10) on a course row: that course, or, counting families ($12), every version
 * of its family. Folded away without a course.
 */
const THE_COURSE = (c: string) =>
  `($10::uuid IS NULL OR ${c}.id = $10 OR ($12::boolean AND ${c}.family_id = (SELECT f.family_id FROM courses f WHERE f.id = $10)))`;

/**
 * The report events (user_id, occurred_at, enrolments, completions, certificates, course_id) that
 * occurred in `window`, as report_enrolment_events and report_certificate_events define them
 * (sql/report-summary/), of the enrolments and certificates that `rows` (a condition on `e` or `c`,
 * whose columns they share: course_id, user_id) lets through. The first test of each WHERE is an
 * index-friendly prefilter beside that definition: an enrolment's events occur at its enrolled_at
 * or its completed_at, a certificate's at its issued_at, so rows with neither in the window have
 * no event in it, and the indexes on those columns find the others without reading every
 * enrolment. The definition decides the rest.
 */
const rowEvents = (window: (instant: string) => string, rows: (alias: string) => string = () => 'true') => `
         SELECT ev.*, e.course_id
           FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
          WHERE (${window('e.enrolled_at')} OR ${window('e.completed_at')}) AND ${rows('e')} AND ${window('ev.occurred_at')}
         UNION ALL
         SELECT ev.*, c.course_id
           FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev
          WHERE ${window('c.issued_at')} AND ${rows('c')} AND ${window('ev.occurred_at')}`;

/**
 * The UTC days whose instant (report_day) can fall in `window`: a prefilter on a date column for the
 * indexes, the definition decides the rest.
 */
const dayWindow = (day: string, lower: string, upper: string) =>
  `(${day} >= (${lower}::timestamptz AT TIME ZONE 'UTC')::date AND ${day} <= (${upper}::timestamptz AT TIME ZONE 'UTC')::date)`;

/**
 * Present days of participants (role participant, activity held) in `window`, per State of the
 * person and month, from the rows, of the activities `activities` (a condition on `a`) lets through.
 * `days` is the prefilter on the attendance's date (dayWindow) that matches `window`.
 */
const rowDays = (window: (instant: string) => string, days: (day: string) => string, activities = 'true') => `
         SELECT per.member_state AS code, report_month(d.at) AS month, 1 AS days
           FROM activity_attendance att
           JOIN activity_participants ap ON ap.id = att.activity_participant_id
           JOIN activities a ON a.id = ap.activity_id
           JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id
           CROSS JOIN LATERAL report_person(p, u) per
           CROSS JOIN LATERAL (SELECT report_attended_at(att, ap, a) AS at) d
           JOIN states s ON s.code = per.member_state
          WHERE ${ACTIVITIES} AND ${days('att.day')} AND ${activities}
            AND ${window('d.at')} AND ${agency('per')}`;

/**
 * Activities held (report_activity_states) in the period, one row per activity and State of the
 * report it counts for, of those `activities` (a condition on `a`) lets through. Activities are few:
 * read from their rows.
 */
const ACTS = (activities = 'true') => `acts AS (
         SELECT a.id, st.member_state AS code, report_month(st.occurred_at) AS month, st.occurred_at
           FROM activities a CROSS JOIN LATERAL report_activity_states(a) st JOIN states s ON s.code = st.member_state
          WHERE ${ACTIVITIES} AND ${dayWindow('a.ends_on', '$1', '$2')} AND ${activities}
            AND st.occurred_at >= $1 AND st.occurred_at < $2
       )`;

/**
 * The first instant of a multirange of instants that falls in `span` (a tstzrange), for a row whose
 * multirange overlaps it; the intersection only when the first instant is before it (it costs:
 * about 4 µs a row).
 */
const firstIn = (instants: string, span: string) =>
  `CASE WHEN lower(${instants}) >= lower(${span}) THEN lower(${instants}) ELSE lower(${instants} * tstzmultirange(${span})) END`;

/** People trained, split by gender, over rows of one person each. */
const officialCounts = (gender: string) => `count(*)::int AS officials,
                count(*) FILTER (WHERE ${gender} = 'female')::int AS female,
                count(*) FILTER (WHERE ${gender} = 'male')::int AS male,
                count(*) FILTER (WHERE ${gender} = 'other')::int AS other,
                count(*) FILTER (WHERE ${gender} = 'undisclosed')::int AS undisclosed`;

/**
 * The State rows (States without activity only when asked), the months, and one row of totals,
 * from the caller's `events` (online events: code, month, enrolments, completions, certificates;
 * a row without a code counts in its month only, one without a month in its State only),
 * `trained` (people per State), `days` (participant-days: code, month, days), `acts`, `courses`
 * (distinct ids) and `first` (the first instants it found, one per row).
 */
const STATE_ROWS_MONTHS_TOTALS = `,
       counted AS (
         SELECT code, sum(enrolments)::int AS enrolments, sum(completions)::int AS completions, sum(certificates)::int AS certificates
           FROM events WHERE code IS NOT NULL GROUP BY code
       ),
       attended AS (SELECT code, sum(days)::int AS participant_days FROM days GROUP BY code),
       held AS (SELECT code, count(*)::int AS activities FROM acts GROUP BY code),
       monthly AS (
         SELECT month, sum(completions)::int AS completions, sum(activities)::int AS activities, sum(days)::int AS participant_days
           FROM (SELECT month, completions, 0 AS activities, 0 AS days FROM events WHERE month IS NOT NULL
                 UNION ALL SELECT month, 0, 0, days FROM days
                 UNION ALL SELECT month, 0, count(DISTINCT id), 0 FROM acts GROUP BY month) m
          GROUP BY month
       )
       SELECT 'state' AS kind, s.code, s.name, s.region,
              coalesce(d.officials, 0) AS officials, coalesce(d.female, 0) AS female, coalesce(d.male, 0) AS male,
              coalesce(d.other, 0) AS other, coalesce(d.undisclosed, 0) AS undisclosed,
              coalesce(c.enrolments, 0) AS enrolments, coalesce(c.completions, 0) AS completions, coalesce(c.certificates, 0) AS certificates,
              coalesce(h.activities, 0) AS activities, coalesce(d.participants, 0) AS participants,
              coalesce(t.participant_days, 0) AS "participantDays",
              NULL AS month, 0 AS courses, NULL::timestamptz AS since
         FROM states s
         LEFT JOIN counted c ON c.code = s.code
         LEFT JOIN trained d ON d.code = s.code
         LEFT JOIN attended t ON t.code = s.code
         LEFT JOIN held h ON h.code = s.code
        WHERE $7 OR c.enrolments > 0 OR c.completions > 0 OR c.certificates > 0 OR d.officials > 0
           OR t.participant_days <> 0 OR h.activities > 0
       UNION ALL
       SELECT 'month', NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, completions, 0, activities, 0, participant_days,
              to_char(month, 'YYYY-MM'), 0, NULL
         FROM monthly WHERE completions > 0 OR activities > 0 OR participant_days <> 0
       UNION ALL
       SELECT 'total', NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, (SELECT count(DISTINCT id)::int FROM acts), 0, 0,
              NULL, (SELECT count(*)::int FROM courses), (SELECT min(at) FROM first)
        ORDER BY kind, month, name, code`;

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
  const total = result.find((row) => row.kind === 'total')!;
  return {
    states: result
      .filter((row) => row.kind === 'state')
      .map(({ kind: _kind, month: _month, courses: _courses, since: _since, ...row }) => row),
    months: result
      .filter((row) => row.kind === 'month')
      .map((row) => ({
        month: row.month!,
        completions: row.completions,
        activities: row.activities,
        participantDays: row.participantDays,
      })),
    totals: { activities: total.activities, courses: total.courses, since: total.since },
  };
}

/**
 * Runs the statement that counts from the rows without JIT compilation, for the rest of the
 * caller's transaction (the service runs each report in one; outside a transaction the setting
 * lasts no further than itself). PostgreSQL compiles a statement whose estimated cost passes
 * jit_above_cost (100,000): this one's does over 1,000,000 enrolments, and compiling its 300-odd
 * expressions took 0.6 to 1.3 s of a 2 s report, more than it saved. The summary's statement is
 * estimated far below (12,000 to 53,000 there) and saves the round trip.
 */
async function countedRows(manager: EntityManager, statement: string, parameters: unknown[]): Promise<CountedRow[]> {
  await manager.query(`SELECT set_config('jit', 'off', true)`);
  return (await manager.query(statement, parameters)) as CountedRow[];
}

/** Every statement of the member-state report. What counts is defined in SQL (see README.md). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * From the summary kept by triggers: report_monthly, report_attendance_monthly and
   * report_course_monthly for the whole months of the period, the rows for the partial months at
   * either end, report_people for the people trained (one overlap test each): a few thousand
   * summary rows instead of every enrolment. Activities are read from their rows.
   */
  async countFromSummary(scope: ReportScope, manager: EntityManager = this.dataSource.manager): Promise<ReportCounts> {
    const [wholeFrom, wholeTo] = wholeMonths(scope.from, scope.to);
    // Some States only: their rows through the indexes by State, not every State's.
    const byState = scope.memberState !== null || scope.region !== null;
    // A family of language versions counts as one course: its original's id (the family's) stands for it.
    const family = scope.countCoursesBy === 'family';
    // The partial months at either end, [from, wholeFrom) and [wholeTo, to), those not empty: a
    // period of whole months reads no rows, and its statement, without those joins, is planned in
    // a fraction of the time.
    const partial = [...(scope.from < wholeFrom ? [['$1', '$10']] : []), ...(wholeTo < scope.to ? [['$11', '$2']] : [])];
    const edges = (instant: string) =>
      `(${partial.map(([lower, upper]) => `(${instant} >= ${lower} AND ${instant} < ${upper})`).join(' OR ')})`;
    const edgeDays = (day: string) => `(${partial.map(([lower, upper]) => dayWindow(day, lower, upper)).join(' OR ')})`;
    const result: CountedRow[] = await manager.query(
      `WITH ${STATES},
       events AS (
         SELECT r.member_state AS code, r.month, r.enrolments, r.completions, r.certificates, NULL::uuid AS course_id
           FROM report_monthly r JOIN states s ON s.code = r.member_state
          WHERE ${ONLINE} AND r.month >= report_month($10) AND r.month < report_month($11) AND ${agency('r')}${
            partial.length
              ? `
         UNION ALL
         SELECT u.member_state, report_month(ev.occurred_at), ev.enrolments, ev.completions, ev.certificates, ev.course_id
           FROM (${rowEvents(edges)}
                ) ev
           JOIN users u ON u.id = ev.user_id JOIN states s ON s.code = u.member_state
          WHERE ${ONLINE} AND ${agency('u')}`
              : ''
          }
       ),
       days AS (
         SELECT r.member_state AS code, r.month, r.participant_days AS days
           FROM report_attendance_monthly r JOIN states s ON s.code = r.member_state
          WHERE ${ACTIVITIES} AND r.month >= report_month($10) AND r.month < report_month($11) AND ${agency('r')}
         ${partial.length ? `UNION ALL ${rowDays(edges, edgeDays)}` : ''}
       ),
       ${ACTS()},
       -- The part of the period in the first month with an online completion: the first completion
       -- is there. Only people with a completion in it are intersected with it (most people's first
       -- completion is before a period that does not start with the data).
       first_month AS (
         SELECT CASE WHEN min(month) IS NOT NULL
                     THEN tstzrange(greatest(report_day(min(month)), $1), least(report_day((min(month) + interval '1 month')::date), $2))
                END AS span
           FROM events WHERE completions > 0
       ),
       trained AS (
         SELECT o.member_state AS code, ${officialCounts('o.gender')},
                count(*) FILTER (WHERE ${ACTIVITIES} AND o.attended && tstzrange($1, $2))::int AS participants,
                min(${firstIn('o.completed', 'f.span')}) FILTER (WHERE ${ONLINE} AND o.completed && f.span) AS first_completed,
                min(${firstIn('o.attended', 'tstzrange($1, $2)')}) FILTER (WHERE ${ACTIVITIES} AND o.attended && tstzrange($1, $2)) AS first_attended
           FROM report_people o CROSS JOIN first_month f
          -- The States as a condition on the row, not a join: with one State the index on
          -- member_state finds its people; with a region or none, one scan of the table, cheaper
          -- than an index scan per State (a region's people are on nearly every page).
          WHERE ${IN_STATES('o.member_state')}
            AND ((${ONLINE} AND o.completed && tstzrange($1, $2)) OR (${ACTIVITIES} AND o.attended && tstzrange($1, $2))) AND ${agency('o')}
          GROUP BY o.member_state
       ),
       -- A course (a family, when counted so) counts when one of its completions in the period is in
       -- the report, and the partial months from the rows. ${
         byState
           ? `With a State or region: the courses of its States' months (the index by State and month).`
           : `Every State: probed course by course (a few index reads each).`
       }
       courses AS (
         SELECT DISTINCT ${family ? 'cf.family_id' : 'k.id'} AS id FROM (
         ${
           byState
             ? `SELECT DISTINCT r.course_id FROM report_course_monthly r
                 WHERE ${ONLINE} AND ${IN_STATES('r.member_state')} AND r.month >= report_month($10) AND r.month < report_month($11)
                   AND r.completions > 0 AND ${agency('r')}`
             : `SELECT c.id FROM courses c CROSS JOIN LATERAL (
                  SELECT 1 FROM report_course_monthly r
                   WHERE r.course_id = c.id AND r.month >= report_month($10) AND r.month < report_month($11)
                     AND r.completions > 0 AND ${agency('r')}
                   LIMIT 1) found
                 WHERE ${ONLINE}`
         }
         UNION
         SELECT course_id FROM events WHERE completions > 0 AND course_id IS NOT NULL
         ) k (id)${family ? ' JOIN courses cf ON cf.id = k.id' : ''}
       ),
       -- The first online completion and the first completed place: the people trained hold them.
       first AS (
         SELECT least(min(first_completed), min(first_attended)) AS at FROM trained
         UNION ALL SELECT min(occurred_at) FROM acts
       )${STATE_ROWS_MONTHS_TOTALS}`,
      [...scopeParams(scope), wholeFrom, wholeTo],
    );
    return split(result);
  }

  /**
   * From the enrolments, certificates, activities and attendance themselves: for course and topic
   * filters, which the summary does not keep (and for the tests, to compare with the summary).
   */
  async countFromRows(scope: ReportRowsScope, manager: EntityManager = this.dataSource.manager): Promise<ReportCounts> {
    const period = (instant: string) => `(${instant} >= $1 AND ${instant} < $2)`;
    // The course filter applies to the rows before their events are read: a topic leaves a quarter of them.
    const ofCourses = (alias: string) =>
      `${alias}.course_id IN (SELECT c.id FROM courses c WHERE ${THE_COURSE('c')} AND ($11::text IS NULL OR $11 = ANY(c.topics)))`;
    // Activities: those linked to the course (to a version of its family, when counted so), those with the topic.
    const ofActivities = `($10::uuid IS NULL OR a.course_id IN (SELECT c.id FROM courses c WHERE ${THE_COURSE('c')})) AND ($11::text IS NULL OR $11 = ANY(a.topics))`;
    const result = await countedRows(
      manager,
      `WITH ${STATES},
       -- One pass over the online events, grouped three ways: per State and per month (few groups
       -- each, hashed), and per official and course completed (for the people trained and the
       -- courses; the State's other events make one group without an official), the one sort, which
       -- PostgreSQL shares among parallel workers. Grouping per State and month together, or per
       -- course alone, sorts every event once more (or twice): 1.5 to 2 times as long.
       grouped AS (
         SELECT grouping(ev.official) = 0 AS per_official,
                u.member_state AS code, ev.month, ev.official, u.gender, ev.completed_course,
                sum(ev.enrolments)::int AS enrolments, sum(ev.completions)::int AS completions, sum(ev.certificates)::int AS certificates,
                min(ev.occurred_at) FILTER (WHERE ev.completions > 0) AS first_completed
           FROM (SELECT ev.*, report_month(ev.occurred_at) AS month, CASE WHEN ev.completions > 0 THEN ev.user_id END AS official,
                        CASE WHEN ev.completions > 0 THEN ev.course_id END AS completed_course
                   FROM (${rowEvents(period, ofCourses)}
                        ) ev) ev
           JOIN users u ON u.id = ev.user_id JOIN states s ON s.code = u.member_state
          WHERE ${ONLINE} AND ${agency('u')}
          GROUP BY GROUPING SETS ((u.member_state), (ev.month), (u.member_state, ev.official, u.gender, ev.completed_course))
       ),
       -- Per State (no month) and per month (no State).
       events AS (SELECT code, month, enrolments, completions, certificates FROM grouped WHERE NOT per_official),
       ${ACTS(ofActivities)},
       -- Completed places in activities of the period, one row per person and place.
       places AS (
         SELECT per.person_key, per.member_state AS code, per.gender, t.at
           FROM activities a
           JOIN activity_participants ap ON ap.activity_id = a.id
           JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id
           CROSS JOIN LATERAL report_person(p, u) per
           CROSS JOIN LATERAL (SELECT report_completed_at(ap, a) AS at) t
           JOIN states s ON s.code = per.member_state
          WHERE ${ACTIVITIES} AND ${ofActivities} AND ${period('t.at')} AND ${agency('per')}
       ),
       days AS (${rowDays(period, (day) => dayWindow(day, '$1', '$2'), ofActivities)}),
       -- A person trained online and in activities is one person (an account's id is both keys).
       people AS (
         SELECT key, code, gender, bool_or(in_activity) AS in_activity, min(first_at) AS first_at
           FROM (SELECT official AS key, code, gender, false AS in_activity, first_completed AS first_at
                   FROM grouped WHERE per_official AND official IS NOT NULL
                 UNION ALL
                 SELECT person_key, code, gender, true, at FROM places) x
          GROUP BY key, code, gender
       ),
       trained AS (
         SELECT code, ${officialCounts('gender')}, count(*) FILTER (WHERE in_activity)::int AS participants
           FROM people GROUP BY code
       ),
       courses AS (
         SELECT DISTINCT CASE WHEN $12 THEN cf.family_id ELSE g.completed_course END AS id
           FROM grouped g JOIN courses cf ON cf.id = g.completed_course WHERE g.per_official
       ),
       first AS (SELECT min(first_at) AS at FROM people UNION ALL SELECT min(occurred_at) FROM acts)       ${STATE_ROWS_MONTHS_TOTALS}`,
      [...scopeParams(scope), scope.courseId, scope.topic, scope.countCoursesBy === 'family'],
    );
    return split(result);
  }

  /**
   * The knowledge gain (post-test − pre-test, first attempts, per learner) of the enrolments whose
   * post-test score was recorded in the period and that have a pre-test score too, per course,
   * per State of the learner and in all; the scope's State, region, agency, course and topic apply.
   * Online learning only: nothing under `source=activities`.
   */
  async knowledgeGain(scope: ReportRowsScope, manager: EntityManager = this.dataSource.manager): Promise<KnowledgeGainRow[]> {
    return manager.query(
      `WITH ${STATES},
       scored AS (
         -- Counting families: a learner once per family (their first post-test of the period in any
         -- of its versions), under the family's id and its original's title.
         SELECT ${scope.countCoursesBy === 'family' ? 'DISTINCT ON (e.user_id, c.family_id) c.family_id AS course_id, o.title' : 'e.course_id, c.title'},
                s.code, s.name, e.pre_test_score AS pre, e.post_test_score AS post
           FROM enrolments e
           JOIN courses c ON c.id = e.course_id JOIN courses o ON o.id = c.family_id
           JOIN users u ON u.id = e.user_id JOIN states s ON s.code = u.member_state
          WHERE ${ONLINE} AND e.post_test_at >= $1 AND e.post_test_at < $2
            AND e.pre_test_score IS NOT NULL AND e.post_test_score IS NOT NULL AND ${agency('u')}
            AND ${THE_COURSE('c')} AND ($11::text IS NULL OR $11 = ANY(c.topics))
            -- The shared parameters of States without figures and of activities play no part here:
            -- typed all the same, as PostgreSQL wants of every parameter it is sent.
            AND $7::boolean IS NOT NULL AND $9::boolean IS NOT NULL
          ${scope.countCoursesBy === 'family' ? 'ORDER BY e.user_id, c.family_id, e.post_test_at, e.id' : ''}
       )
       SELECT CASE WHEN grouping(course_id) = 0 THEN 'course' WHEN grouping(code) = 0 THEN 'state' ELSE 'total' END AS kind,
              coalesce(course_id::text, code) AS key,
              CASE WHEN grouping(course_id) = 0 THEN min(title) WHEN grouping(code) = 0 THEN min(name) END AS name,
              count(*)::int AS learners, round(avg(pre), 2) AS "meanPre", round(avg(post), 2) AS "meanPost",
              round(avg(post - pre), 2) AS "meanGain"
         FROM scored
        GROUP BY GROUPING SETS ((course_id), (code), ())
       HAVING count(*) > 0
        ORDER BY kind, name, key`,
      [...scopeParams(scope), scope.courseId, scope.topic, scope.countCoursesBy === 'family'],
    );
  }
}

import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import type { ReportFormat } from '@ctlp/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { ValidationError } from '../common/app-error.js';
import { withStatementTimeout } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type {
  Count,
  KnowledgeGainDto,
  KnowledgeGainFiguresDto,
  MemberStateReportDto,
  MemberStateReportQueryDto,
  MemberStateReportRowDto,
  ReportCountsDto,
  ReportFiltersDto,
} from './dto/report.dto.js';
import { reportCsv, reportFileName, reportXlsx } from './report-files.js';
import {
  ReportsRepository,
  type KnowledgeGainRow,
  type ReportMonthRow,
  type ReportScope,
  type ReportStateRow,
} from './reports.repository.js';

export type ReportFileFormat = Exclude<ReportFormat, 'json'>;

export interface ReportFile {
  stream: Readable;
  fileName: string;
}

type Figures = Omit<ReportStateRow, 'code' | 'name' | 'region'>;

const EARLIEST = '2000-01-01T00:00:00.000Z';
const MAX_MONTHS = 600;

function parseInstant(value: string | undefined, fallback: Date): Date {
  if (!value) return fallback;
  // A bare date is midnight UTC; a date-time keeps its own offset.
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
}

/** The knowledge gain rows as the report shows them: means as numbers, hidden with their learners when suppressed. */
function knowledgeGainOf(rows: KnowledgeGainRow[], hide: (n: number) => Count): KnowledgeGainDto {
  const figures = (row: KnowledgeGainRow | undefined): KnowledgeGainFiguresDto => {
    const learners = hide(row?.learners ?? 0);
    const shown = row && typeof learners === 'number';
    return {
      learners,
      meanPre: shown ? Number(row.meanPre) : null,
      meanPost: shown ? Number(row.meanPost) : null,
      meanGain: shown ? Number(row.meanGain) : null,
    };
  };
  return {
    byCourse: rows.filter((r) => r.kind === 'course').map((r) => ({ courseId: r.key!, title: r.name!, ...figures(r) })),
    byState: rows.filter((r) => r.kind === 'state').map((r) => ({ memberState: r.key!, name: r.name!, ...figures(r) })),
    total: figures(rows.find((r) => r.kind === 'total')),
  };
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly audit: AuditService,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Training counts per Member State over [from, to). A focal point always gets their own State,
   * whatever they ask for. Counting happens in PostgreSQL: memory does not grow with enrolments.
   * `fromRows` counts from the enrolments even when the summary could answer (tests compare the two).
   */
  async memberStates(
    user: SessionUser,
    query: MemberStateReportQueryDto,
    options: { fromRows?: boolean } = {},
  ): Promise<MemberStateReportDto> {
    const from = parseInstant(query.from, new Date(EARLIEST));
    const to = parseInstant(query.to, new Date());
    if (!(from < to)) throw ValidationError.field('to', 'must_be_after', { field: 'from' });
    const ownState = user.roles.includes('admin') ? undefined : user.memberState;
    const filters: ReportFiltersDto = {
      from: from.toISOString(),
      to: to.toISOString(),
      ...(query.courseId ? { courseId: query.courseId } : {}),
      ...(query.topic ? { topic: query.topic } : {}),
      ...(query.agencyType ? { agencyType: query.agencyType } : {}),
      ...(query.region ? { region: query.region } : {}),
      ...(ownState ? { memberState: ownState } : {}),
      source: query.source ?? 'all',
      countCoursesBy: query.countCoursesBy ?? 'version',
      includeZero: query.includeZero ?? false,
      suppressBelow: query.suppressBelow ?? null,
    };
    const scope: ReportScope = {
      from,
      to,
      agencyType: query.agencyType ?? null,
      memberState: ownState ?? null,
      region: query.region ?? null,
      locale: query.locale ?? 'en',
      includeZero: filters.includeZero,
      source: filters.source,
      countCoursesBy: filters.countCoursesBy,
    };
    // Course and topic are not in the summary: those reports count the rows themselves.
    const bySummary = !options.fromRows && !query.courseId && !query.topic;
    // A report may run longer than an ordinary request (DB_REPORT_TIMEOUT_MS).
    const rowsScope = { ...scope, courseId: query.courseId ?? null, topic: query.topic ?? null };
    const { states, months, totals, gains } = await withStatementTimeout(this.manager, this.config.database.reportMs, async (manager) => ({
      ...(bySummary ? await this.repository.countFromSummary(scope, manager) : await this.repository.countFromRows(rowsScope, manager)),
      gains: await this.repository.knowledgeGain(rowsScope, manager),
    }));

    const hide = (n: number): Count => (filters.suppressBelow && n >= 1 && n < filters.suppressBelow ? `<${filters.suppressBelow}` : n);
    const counts = (r: Figures): ReportCountsDto => ({
      officialsTrained: hide(r.officials),
      female: hide(r.female),
      male: hide(r.male),
      other: hide(r.other),
      undisclosed: hide(r.undisclosed),
      enrolments: hide(r.enrolments),
      completions: hide(r.completions),
      certificates: hide(r.certificates),
      activities: hide(r.activities),
      participants: hide(r.participants),
      participantDays: hide(r.participantDays),
    });
    const sum = (key: keyof Figures) => states.reduce((total, row) => total + row[key], 0);
    // Each person has one State, so the States' people add up; an activity may count for several
    // States, so its total is the distinct activities.
    const people = sum('officials');
    return {
      filters,
      rows: states.map((row): MemberStateReportRowDto => ({ memberState: row.code, name: row.name, region: row.region, ...counts(row) })),
      totals: counts({
        officials: people,
        female: sum('female'),
        male: sum('male'),
        other: sum('other'),
        undisclosed: sum('undisclosed'),
        enrolments: sum('enrolments'),
        completions: sum('completions'),
        certificates: sum('certificates'),
        activities: totals.activities,
        participants: sum('participants'),
        participantDays: sum('participantDays'),
      }),
      headline: {
        people: hide(people),
        activities: hide(totals.activities),
        courses: hide(totals.courses),
        since: totals.since ? new Date(totals.since).toISOString() : null,
      },
      months: this.fillMonths(months, query.from ? from : undefined, to).map((m) => ({
        month: m.month,
        completions: hide(m.completions),
        activities: hide(m.activities),
        participantDays: hide(m.participantDays),
      })),
      knowledgeGain: knowledgeGainOf(gains, hide),
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * The report as a file (CSV or XLSX). Every file that leaves the platform is recorded, with what
   * it contained: the audit event is written once the file is ready to be sent.
   */
  async memberStatesFile(user: SessionUser, query: MemberStateReportQueryDto, format: ReportFileFormat): Promise<ReportFile> {
    const report = await this.memberStates(user, query);
    const stream = format === 'csv' ? reportCsv(report) : await reportXlsx(report);
    try {
      await this.audit.record(this.manager, {
        actorId: user.id,
        action: 'report.exported',
        subjectType: 'report',
        subjectId: 'member-states',
        data: { report: 'member-states', format, rows: report.rows.length, ...report.filters },
      });
    } catch (error) {
      // Unrecorded, the file does not leave.
      stream.destroy();
      throw error;
    }
    return { stream, fileName: reportFileName(report, format) };
  }

  /** Every month from the start (or the first month counted) to the end, zeros included. */
  private fillMonths(monthly: ReportMonthRow[], from: Date | undefined, to: Date): ReportMonthRow[] {
    if (!from && monthly.length === 0) return [];
    const byMonth = new Map(monthly.map((m) => [m.month, m]));
    const first = from ? from.toISOString().slice(0, 7) : monthly[0]!.month;
    const lastInstant = new Date(Math.min(to.getTime() - 1, Date.now()));
    const last = [lastInstant.toISOString().slice(0, 7), monthly.at(-1)?.month ?? ''].sort().at(-1)!;
    const out: ReportMonthRow[] = [];
    let [year, month] = first.split('-').map(Number) as [number, number];
    while (out.length < MAX_MONTHS) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      if (key > last) break;
      out.push(byMonth.get(key) ?? { month: key, completions: 0, activities: 0, participantDays: 0 });
      month += 1;
      if (month === 13) [year, month] = [year + 1, 1];
    }
    return out;
  }
}

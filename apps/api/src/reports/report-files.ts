import { PassThrough, Readable } from 'node:stream';
import { csvStream } from '../common/csv.js';
import type { KnowledgeGainFiguresDto, MemberStateReportDto, ReportCountsDto } from './dto/report.dto.js';

/** The columns of every format, in order, with the definitions the XLSX's second sheet states. */
export const REPORT_COLUMNS: Array<{ key: keyof ReportCountsDto; header: string; definition: string }> = [
  {
    key: 'officialsTrained',
    header: 'Officials trained',
    definition:
      'Distinct people with at least one course completed, or one training activity completed as a participant, in the period (an activity counts on the day it ended), counted once however many they completed. An official with an account is one person online and in activities, counted in the State, agency and gender of the account; a person known only from attendance lists (matched across lists by email) is counted as the lists describe them. Accounts awaiting vetting or rejected count for activities once vetted.',
  },
  { key: 'female', header: 'Officials trained: female', definition: 'Officials trained whose gender is female.' },
  { key: 'male', header: 'Officials trained: male', definition: 'Officials trained whose gender is male.' },
  { key: 'other', header: 'Officials trained: other', definition: 'Officials trained whose gender is other.' },
  {
    key: 'undisclosed',
    header: 'Officials trained: undisclosed',
    definition: 'Officials trained who preferred not to say, and people from attendance lists that did not say.',
  },
  { key: 'enrolments', header: 'Enrolments started', definition: 'Enrolments created in the period, whatever became of them.' },
  { key: 'completions', header: 'Completions', definition: 'Enrolments completed in the period (by completion time).' },
  {
    key: 'certificates',
    header: 'Certificates issued',
    definition:
      'Course certificates issued in the period (by issue time), revoked ones included; certificates of participation in activities are not counted.',
  },
  {
    key: 'activities',
    header: 'Training activities',
    definition:
      'Training activities (workshops, courses, webinars, study visits…) held or closed that ended in the period, counted for the State where they were held and each State they served, once per State. In the total row, distinct activities.',
  },
  {
    key: 'participants',
    header: 'Activity participants',
    definition:
      'Distinct people of the State who completed a training activity as participants (not trainers or speakers) that ended in the period, counted once however many they completed.',
  },
  {
    key: 'participantDays',
    header: 'Participant-days',
    definition:
      "Days present in training activities held or closed, of the State's participants (not trainers or speakers), by the day attended.",
  },
];

const HEADER = ['Member State', 'ISO code', 'Region', ...REPORT_COLUMNS.map((c) => c.header)];

/** `ctlp-member-states_2026-01-01_2027-01-01.csv`: the period is in the name. */
export function reportFileName(report: MemberStateReportDto, extension: 'csv' | 'xlsx'): string {
  return `ctlp-member-states_${report.filters.from.slice(0, 10)}_${report.filters.to.slice(0, 10)}.${extension}`;
}

function records(report: MemberStateReportDto): unknown[][] {
  return [
    ...report.rows.map((row) => [row.name, row.memberState, row.region, ...REPORT_COLUMNS.map((c) => row[c.key])]),
    ['Total', '', '', ...REPORT_COLUMNS.map((c) => report.totals[c.key])],
  ];
}

const GAIN_HEADER = ['Learners with both tests', 'Mean pre-test score', 'Mean post-test score', 'Mean knowledge gain (points)'];
export const GAIN_DEFINITION =
  'Learners whose post-test score was recorded in the period and who took the pre-test too, each on their first attempt at each (0–100); the gain is post-test minus pre-test per learner, its mean in percentage points. Counted in the State of the learner.';

const gainCells = (row: KnowledgeGainFiguresDto): unknown[] => [row.learners, row.meanPre, row.meanPost, row.meanGain];

/** The knowledge gain, per course then per State, with the total after each. */
function gainRecords(report: MemberStateReportDto): { byCourse: unknown[][]; byState: unknown[][] } {
  const gain = report.knowledgeGain;
  return {
    byCourse: [...gain.byCourse.map((row) => [row.title, row.courseId, ...gainCells(row)]), ['Total', '', ...gainCells(gain.total)]],
    byState: [...gain.byState.map((row) => [row.name, row.memberState, ...gainCells(row)]), ['Total', '', ...gainCells(gain.total)]],
  };
}

/**
 * RFC 4180 with CRLF, UTF-8 with a byte-order mark, text cells that look like formulas escaped
 * (course titles included: an author wrote them). The knowledge gain follows the States, as two
 * sections under a title row each.
 */
export function reportCsv(report: MemberStateReportDto): Readable {
  const csv = csvStream();
  const gains = gainRecords(report);
  Readable.from([
    HEADER,
    ...records(report),
    [],
    ['Knowledge gain per course'],
    ['Course', 'Course id', ...GAIN_HEADER],
    ...gains.byCourse,
    [],
    ['Knowledge gain per Member State'],
    ['Member State', 'ISO code', ...GAIN_HEADER],
    ...gains.byState,
  ]).pipe(csv);
  return csv;
}

function describeFilters(report: MemberStateReportDto): Array<[string, string]> {
  const f = report.filters;
  return [
    ['Period (UTC, end excluded)', `${f.from} to ${f.to}`],
    ['Member State', f.memberState ?? 'all'],
    ['Region', f.region ?? 'all'],
    ['Course', f.courseId ? (f.countCoursesBy === 'family' ? `${f.courseId} and its other language versions` : f.courseId) : 'all'],
    [
      'Courses counted',
      f.countCoursesBy === 'family'
        ? "a course's language versions as one course (per-course figures under its original)"
        : 'each language version apart',
    ],
    ['Topic', f.topic ?? 'all'],
    ['Type of agency', f.agencyType ? `${f.agencyType} (people whose agency is unknown are left out)` : 'all'],
    [
      'Counted',
      { all: 'online courses and training activities', online: 'online courses only', activities: 'training activities only' }[f.source],
    ],
    ['States without activity listed', f.includeZero ? 'yes' : 'no'],
    ['Small counts suppressed', f.suppressBelow ? `counts from 1 to ${f.suppressBelow - 1} show as <${f.suppressBelow}` : 'no'],
    [
      'Headline',
      `${report.headline.people} people trained through ${report.headline.activities} activities and ${report.headline.courses} online courses` +
        (report.headline.since ? ` since ${report.headline.since.slice(0, 10)}` : ''),
    ],
    ['Generated at (UTC)', report.generatedAt],
  ];
}

/**
 * A real workbook, written as a stream: the figures (numbers stored as numbers, header row,
 * frozen panes) and a second sheet with the period, the filters, the time and the definitions.
 */
export async function reportXlsx(report: MemberStateReportDto): Promise<Readable> {
  // exceljs loads on the first export, not at start (0.4 s of imports).
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'CTLP';
  workbook.created = new Date(report.generatedAt);

  const sheet = workbook.addWorksheet('Member States', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = HEADER.map((header, index) => ({ header, width: index === 0 ? 34 : index < 3 ? 12 : 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const record of records(report)) sheet.addRow(record.map((cell) => (cell === '' ? null : cell))).commit();
  sheet.getRow(sheet.rowCount).font = { bold: true };
  sheet.commit();

  const gains = gainRecords(report);
  const gain = workbook.addWorksheet('Knowledge gain', { views: [{ state: 'frozen', ySplit: 1 }] });
  gain.columns = [{ width: 40 }, { width: 38 }, ...GAIN_HEADER.map(() => ({ width: 20 }))];
  const section = (title: string, header: string[], rows: unknown[][]) => {
    gain.addRow([title]).font = { bold: true };
    gain.addRow([...header, ...GAIN_HEADER]).font = { bold: true };
    // A course title is an author's text: written as a string cell, never read as a formula.
    for (const record of rows) gain.addRow(record.map((cell) => (cell === '' ? null : cell))).commit();
  };
  section('Knowledge gain per course', ['Course', 'Course id'], gains.byCourse);
  gain.addRow([]).commit();
  section('Knowledge gain per Member State', ['Member State', 'ISO code'], gains.byState);
  gain.commit();

  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 34 }, { width: 100 }];
  about.addRow(['Training counts per Member State — Counter-Terrorism Learning Platform']).commit();
  for (const row of describeFilters(report)) about.addRow(row).commit();
  about.addRow([]).commit();
  about.addRow(['Column', 'Definition']).commit();
  for (const column of REPORT_COLUMNS) about.addRow([column.header, column.definition]).commit();
  about.addRow(['Knowledge gain', GAIN_DEFINITION]).commit();
  about.commit();
  void workbook.commit().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

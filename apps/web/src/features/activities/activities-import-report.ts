import type { ActivitiesImportReport } from '../../api/activities/use-import-activities';

// The workbook import's answer names today, per sheet, what it counts and the rows it left out.
// Row-by-row outcomes of the valid rows (and per activity: added, updated or unchanged, with the
// activity's id) may come with later versions of the API; these read them when they are there and
// whatever their exact shape, so the page shows more as soon as the API says more.

/** What happens to one valid row of the activities sheet, as far as the answer tells. */
export interface ActivityRowOutcome {
  row: number;
  ref: string | null;
  title: string | null;
  /** added, updated, unchanged (or created): null when the answer does not say. */
  outcome: string | null;
  /** The activity created or matched, to link to (never in a dry run's answer that wrote nothing). */
  activityId: string | null;
}

/** What happens to one valid row of the participants sheet. */
export interface ParticipantRowOutcome {
  row: number;
  fullName: string | null;
  activityRef: string | null;
  outcome: string | null;
  matchedAccount: boolean;
}

type Loose = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The objects of `value` that name a row number: anything else is not a row. */
function rowsOf(value: unknown): Loose[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Loose => typeof item === 'object' && item !== null && Number.isInteger((item as Loose).row));
}

export function activityRows(report: ActivitiesImportReport): ActivityRowOutcome[] {
  return rowsOf((report.activities as unknown as Loose).rows).map((row) => ({
    row: row.row as number,
    ref: text(row.ref) ?? text(row.importRef),
    title: text(row.title),
    outcome: text(row.outcome),
    activityId: text(row.activityId) ?? text(row.id),
  }));
}

export function participantRows(report: ActivitiesImportReport): ParticipantRowOutcome[] {
  return rowsOf((report.participants as unknown as Loose).rows).map((row) => ({
    row: row.row as number,
    fullName: text(row.fullName),
    activityRef: text(row.activityRef),
    outcome: text(row.outcome),
    matchedAccount: row.matchedAccount === true,
  }));
}

/** A count the answer may carry besides those it always has (activities updated, unchanged); null when absent. */
export function extraCount(sheet: object, name: string): number | null {
  const value = (sheet as Loose)[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITIES_TEMPLATE_URL, useImportActivities, type ActivitiesImportReport } from '../../api/activities/use-import-activities';
import { ErrorScope } from '../../components/Form';
import { topicsByLabel } from '../../components/topics';
import { usePageTitle } from '../../components/use-page-title';
import { activityRows, extraCount, participantRows } from './activities-import-report';
import { CheckThenImport, ImportRows, LeftOut, PERSON_COLUMN_LABELS, type ImportLine } from './import-parts';
import { numberFormat } from '../../intl';

/** The workbook's columns by the names the activity form gives them; the rest have their own. */
const COLUMN_LABELS: Record<string, string> = {
  ...PERSON_COLUMN_LABELS,
  ref: 'importActivities.columns.ref',
  activityRef: 'importActivities.columns.activityRef',
  status: 'importActivities.columns.status',
  attendedDays: 'importActivities.columns.attendedDays',
  attended: 'importActivities.columns.attended',
  kind: 'activityFields.kind',
  title: 'activityFields.title',
  delivery: 'activityFields.delivery',
  startsOn: 'activityFields.startsOn',
  endsOn: 'activityFields.endsOn',
  venueMemberState: 'activityFields.venueMemberState',
  city: 'activityFields.city',
  memberStates: 'activityFields.memberStates',
  languages: 'activityFields.languages',
  topics: 'activityFields.topics',
  hours: 'activityFields.hours',
  requiredAttendance: 'activityFields.requiredAttendance',
};

/** What the workbook did (or, checked, would do): counts per sheet, then each sheet row by row. */
function Report({ report }: { report: ActivitiesImportReport }) {
  const { t, i18n } = useTranslation('activities');
  const number = numberFormat(i18n.language);
  // The label people read, and the column as the template heads it, which is what they look for in the file.
  const columnName = (column: string) => (COLUMN_LABELS[column] ? `${t(COLUMN_LABELS[column])} (${column})` : column);
  const outcomeOf = (outcome: string | null) =>
    outcome ? t(`${report.dryRun ? 'importOutcomesDryRun' : 'importOutcomes'}.${outcome}`, { defaultValue: outcome }) : '—';
  const { activities, participants } = report;

  const activityLines: ImportLine[] = [
    ...activityRows(report).map((line) => {
      const name = [line.title, line.ref && `(${line.ref})`].filter(Boolean).join(' ') || '—';
      return {
        row: line.row,
        name: line.activityId && !report.dryRun ? <Link to={`/activities/${line.activityId}`}>{name}</Link> : name,
        outcome: outcomeOf(line.outcome),
        invalid: false,
      };
    }),
    ...activities.invalid.map((invalid) => ({
      row: invalid.row,
      name: '—',
      outcome: <LeftOut fields={invalid.fields} columnName={columnName} />,
      invalid: true,
    })),
  ];
  const participantLines: ImportLine[] = [
    ...participantRows(report).map((line) => ({
      row: line.row,
      name: [line.fullName, line.activityRef && `(${line.activityRef})`].filter(Boolean).join(' ') || '—',
      outcome: line.matchedAccount ? `${outcomeOf(line.outcome)} · ${t('importList.hasAccount')}` : outcomeOf(line.outcome),
      invalid: false,
    })),
    ...participants.invalid.map((invalid) => ({
      row: invalid.row,
      name: '—',
      outcome: <LeftOut fields={invalid.fields} columnName={columnName} />,
      invalid: true,
    })),
  ];

  const updated = extraCount(activities, 'updated');
  const unchanged = extraCount(activities, 'unchanged');
  const activityCounts = {
    created: number.format(activities.created),
    invalid: number.format(activities.invalid.length),
  };
  const participantCounts = {
    added: number.format(participants.added),
    matched: number.format(participants.matchedAccounts),
    updated: number.format(participants.updated),
    unchanged: number.format(participants.unchanged),
    days: number.format(participants.participantDays),
    completed: number.format(participants.completed),
    invalid: number.format(participants.invalid.length),
  };
  return (
    <div role="status" className="bulk-report">
      <p>{report.dryRun ? t('importActivities.wouldCreate', activityCounts) : t('importActivities.created', activityCounts)}</p>
      {(updated !== null || unchanged !== null) && (
        <p>
          {t(report.dryRun ? 'importActivities.wouldMatch' : 'importActivities.matched', {
            updated: number.format(updated ?? 0),
            unchanged: number.format(unchanged ?? 0),
          })}
        </p>
      )}
      <p>{report.dryRun ? t('importActivities.wouldPlace', participantCounts) : t('importActivities.placed', participantCounts)}</p>
      {!report.dryRun && (
        <p>
          <Link to="/activities">{t('importActivities.seeActivities')}</Link>
        </p>
      )}
      {activityLines.length > 0 && (
        <ImportRows lines={activityLines} caption={t('importActivities.activityRows')} nameHeader={t('importActivities.activity')} />
      )}
      {participantLines.length > 0 && (
        <ImportRows lines={participantLines} caption={t('importActivities.participantRows')} nameHeader={t('participants.name')} />
      )}
    </div>
  );
}

/**
 * `/activities/import` (admins): the training held before the platform, from the workbook its
 * template describes — checked first, then imported, as an attendance list is into one activity.
 */
export function ImportActivitiesPage() {
  const { t, i18n } = useTranslation('activities');
  usePageTitle(t('importActivities.title'));
  const upload = useImportActivities();
  return (
    <section>
      <p className="muted">
        <Link to="/activities">{t('list.title')}</Link>
      </p>
      <h1>{t('importActivities.title')}</h1>
      <p>{t('importActivities.help')}</p>
      <p>
        <a href={ACTIVITIES_TEMPLATE_URL} download>
          {t('importActivities.template')}
        </a>
      </p>
      <details>
        <summary>{t('importActivities.topicsTitle')}</summary>
        <p>{t('importActivities.topicsHelp')}</p>
        <ul className="topic-codes">
          {topicsByLabel(t, i18n.language).map(({ topic, label }) => (
            <li key={topic}>
              {label}: <code dir="ltr">{topic}</code>
            </li>
          ))}
        </ul>
      </details>
      <ErrorScope error={upload.error}>
        <CheckThenImport upload={upload} fileLabel={t('importActivities.file')} accept="xlsx">
          {(report) => <Report report={report} />}
        </CheckThenImport>
      </ErrorScope>
    </section>
  );
}

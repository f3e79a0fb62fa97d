import { useTranslation } from 'react-i18next';
import { useImportParticipants, type ImportReport } from '../../../api/activities/use-import-participants';
import { ErrorScope } from '../../../components/Form';
import { CheckThenImport, ImportRows, LeftOut, PERSON_COLUMN_LABELS, type ImportLine } from '../import-parts';
import { numberFormat } from '../../../intl';

/** What the file did (or, in a dry run, would do), then row by row. */
function Report({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation('activities');
  const number = numberFormat(i18n.language);
  const columnName = (column: string) => (PERSON_COLUMN_LABELS[column] ? t(PERSON_COLUMN_LABELS[column]) : column);
  const outcomes = report.dryRun ? 'importOutcomesDryRun' : 'importOutcomes';
  const lines: ImportLine[] = [
    ...report.rows.map((valid) => {
      const outcome = t(`${outcomes}.${valid.outcome}`);
      return {
        row: valid.row,
        name: valid.fullName,
        outcome: valid.matchedAccount ? `${outcome} · ${t('importList.hasAccount')}` : outcome,
        invalid: false,
      };
    }),
    ...report.invalid.map((invalid) => ({
      row: invalid.row,
      name: '—',
      outcome: <LeftOut fields={invalid.fields} columnName={columnName} />,
      invalid: true,
    })),
  ];
  const counts = {
    added: number.format(report.added),
    matched: number.format(report.matchedAccounts),
    updated: number.format(report.updated),
    unchanged: number.format(report.unchanged),
    days: number.format(report.participantDays),
    invalid: number.format(report.invalid.length),
  };
  return (
    <div role="status" className="bulk-report">
      <p>{report.dryRun ? t('importList.wouldDo', counts) : t('importList.did', counts)}</p>
      <ImportRows lines={lines} caption={t('importList.rowsCaption')} nameHeader={t('participants.name')} />
    </div>
  );
}

/** An attendance list as people keep them (CSV or XLSX): checked first, row by row, then imported. */
export function ImportList({ activityId }: { activityId: string }) {
  const { t } = useTranslation('activities');
  const upload = useImportParticipants(activityId);
  return (
    <ErrorScope error={upload.error}>
      <section aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">{t('importList.title')}</h2>
        <p>{t('importList.help')}</p>
        <CheckThenImport upload={upload} fileLabel={t('importList.file')} accept="csv-xlsx">
          {(report) => <Report report={report} />}
        </CheckThenImport>
      </section>
    </ErrorScope>
  );
}

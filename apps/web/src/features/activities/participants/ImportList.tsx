import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportParticipants, type ImportReport } from '../../../api/activities/use-import-participants';
import { Field } from '../../../components/Field';
import { ErrorScope } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useErrorText } from '../../../components/use-error-text';

const COLUMN_LABELS: Record<string, string> = {
  fullName: 'addPerson.fullName',
  email: 'addPerson.email',
  memberState: 'addPerson.memberState',
  institution: 'addPerson.institution',
  agencyType: 'addPerson.agencyType',
  gender: 'addPerson.gender',
  role: 'participants.role',
};

/** Rows shown at most; the counts above the table cover every row. */
const ROWS_SHOWN = 500;

type Line = { row: number; valid: ImportReport['rows'][number] } | { row: number; invalid: ImportReport['invalid'][number] };

/** Every row of the file in order, valid or not. */
const linesOf = (report: ImportReport): Line[] =>
  [...report.rows.map((valid) => ({ row: valid.row, valid })), ...report.invalid.map((invalid) => ({ row: invalid.row, invalid }))].sort(
    (a, b) => a.row - b.row,
  );

/** What happens to one row: added, updated, unchanged (would be, in a dry run), or left out and why. */
function Outcome({ line, dryRun }: { line: Line; dryRun: boolean }) {
  const { t } = useTranslation('activities');
  const { fieldErrorText } = useErrorText();
  if ('valid' in line) {
    const outcome = t(`${dryRun ? 'importOutcomesDryRun' : 'importOutcomes'}.${line.valid.outcome}`);
    return <>{line.valid.matchedAccount ? `${outcome} · ${t('importList.hasAccount')}` : outcome}</>;
  }
  return (
    <>
      {t('importList.leftOut')}
      <ul>
        {Object.entries(line.invalid.fields).map(([column, code]) => (
          <li key={column}>
            {COLUMN_LABELS[column] ? t(COLUMN_LABELS[column]) : column}: {fieldErrorText({ code })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the file did (or, in a dry run, would do), then row by row. */
function Report({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation('activities');
  const number = new Intl.NumberFormat(i18n.language);
  const lines = linesOf(report);
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
      <div className="table-scroll import-rows">
        <table>
          <caption>{t('importList.rowsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importList.row')}</th>
              <th scope="col">{t('participants.name')}</th>
              <th scope="col">{t('importList.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.slice(0, ROWS_SHOWN).map((line) => (
              <tr key={line.row} className={'invalid' in line ? 'row-invalid' : undefined}>
                <th scope="row">{number.format(line.row)}</th>
                <td>{'valid' in line ? line.valid.fullName : '—'}</td>
                <td>
                  <Outcome line={line} dryRun={report.dryRun} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lines.length > ROWS_SHOWN && <p className="muted">{t('importList.moreRows', { n: number.format(lines.length - ROWS_SHOWN) })}</p>}
    </div>
  );
}

/** An attendance list as people keep them (CSV or XLSX): checked first, row by row, then imported. */
export function ImportList({ activityId }: { activityId: string }) {
  const { t } = useTranslation('activities');
  const upload = useImportParticipants();
  const [file, setFile] = useState<File>();
  const [checked, setChecked] = useState<ImportReport>();
  const [imported, setImported] = useState<ImportReport>();
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setChecked(undefined);
    setImported(undefined);
    upload.reset();
  };
  const run = (dryRun: boolean) =>
    file && upload.mutate({ activityId, file, dryRun }, { onSuccess: (report) => (dryRun ? setChecked(report) : setImported(report)) });
  return (
    <ErrorScope error={upload.error}>
      <section aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">{t('importList.title')}</h2>
        <p>{t('importList.help')}</p>
        <FormError />
        <Field label={t('importList.file')} name="file">
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => choose(event.target.files?.[0])}
          />
        </Field>
        <p className="actions">
          <button type="button" className="secondary" disabled={!file || upload.isPending} onClick={() => run(true)}>
            {t('importList.check')}
          </button>
          {checked && !imported && (
            <button type="button" disabled={upload.isPending} onClick={() => run(false)}>
              {t('importList.confirm')}
            </button>
          )}
        </p>
        {(imported ?? checked) && <Report report={(imported ?? checked)!} />}
      </section>
    </ErrorScope>
  );
}

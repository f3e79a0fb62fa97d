import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorCode } from '@ctlp/contracts';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useErrorText } from '../../components/use-error-text';
import { numberFormat } from '../../intl';

// What the two imports of the activities share — an attendance list into one activity, and the
// historical workbook of many — so both read and behave alike: choose a file, check it (a dry run
// that writes nothing), then import the valid rows, with every row's fate on screen.

/** The upload as both imports' hooks give it: a TanStack mutation of a file and whether to write. */
interface ImportMutation<R> {
  mutate: (variables: { file: File; dryRun: boolean }, options: { onSuccess: (report: R) => void }) => void;
  reset: () => void;
  isPending: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file accepted: `csv-xlsx` for attendance lists, `xlsx` for the workbook. */
const ACCEPT = { 'csv-xlsx': `.csv,.xlsx,text/csv,${XLSX}`, xlsx: `.xlsx,${XLSX}` } as const;

interface CheckThenImportProps<R> {
  upload: ImportMutation<R>;
  fileLabel: string;
  accept: keyof typeof ACCEPT;
  /** The report of the check, or of the import once confirmed. */
  children: (report: R) => ReactNode;
}

/**
 * Choose a file, check it, then import it. The check's report stays until the import replaces it;
 * choosing another file starts again. A file the API refuses as a whole (malformed, too large)
 * shows its reason under the file field when the caller wraps this in an `ErrorScope`.
 */
export function CheckThenImport<R>({ upload, fileLabel, accept, children }: CheckThenImportProps<R>) {
  const { t } = useTranslation('activities');
  const [file, setFile] = useState<File>();
  const [checked, setChecked] = useState<R>();
  const [imported, setImported] = useState<R>();
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setChecked(undefined);
    setImported(undefined);
    upload.reset();
  };
  const run = (dryRun: boolean) =>
    file && upload.mutate({ file, dryRun }, { onSuccess: (report) => (dryRun ? setChecked(report) : setImported(report)) });
  const report = imported ?? checked;
  return (
    <>
      <FormError />
      <Field label={fileLabel} name="file">
        <input type="file" accept={ACCEPT[accept]} onChange={(event) => choose(event.target.files?.[0])} />
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
        <span role="status" className="muted">
          {upload.isPending ? t('common.loading') : ''}
        </span>
      </p>
      {report !== undefined && children(report)}
    </>
  );
}

/** Why a row is left out: each bad column, named by `columnName`, with the reason in the reader's language. */
export function LeftOut({ fields, columnName }: { fields: Record<string, FieldErrorCode>; columnName: (column: string) => string }) {
  const { t } = useTranslation('activities');
  const { fieldErrorText } = useErrorText();
  return (
    <>
      {t('importList.leftOut')}
      <ul>
        {Object.entries(fields).map(([column, code]) => (
          <li key={column}>
            {columnName(column)}: {fieldErrorText({ code })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One row of a file as a report shows it. */
export interface ImportLine {
  row: number;
  /** Who or what the row is (a person's name, an activity's title), when it could be read. */
  name: ReactNode;
  outcome: ReactNode;
  invalid: boolean;
}

/** The attendance list's columns, by the names the form to add a person gives them. */
export const PERSON_COLUMN_LABELS: Record<string, string> = {
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

/** The rows of a file in order, each with what happens to it; scrolls inside its own box. */
export function ImportRows({ lines, caption, nameHeader }: { lines: ImportLine[]; caption: string; nameHeader: string }) {
  const { t, i18n } = useTranslation('activities');
  const number = numberFormat(i18n.language);
  const sorted = [...lines].sort((a, b) => a.row - b.row);
  return (
    <>
      <div className="table-scroll import-rows">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importList.row')}</th>
              <th scope="col">{nameHeader}</th>
              <th scope="col">{t('importList.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, ROWS_SHOWN).map((line) => (
              <tr key={line.row} className={line.invalid ? 'row-invalid' : undefined}>
                <th scope="row">{number.format(line.row)}</th>
                <td>{line.name}</td>
                <td>{line.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > ROWS_SHOWN && <p className="muted">{t('importList.moreRows', { n: number.format(sorted.length - ROWS_SHOWN) })}</p>}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { useBulkEnrol } from '../../../api/enrolments/use-enrolment-decisions';
import { Field } from '../../../components/Field';
import { ErrorScope } from '../../../components/Form';
import { FormError } from '../../../components/FormError';

type Report = Schemas['BulkEnrolmentReportDto'];

/** What happened to each row of the file, by outcome. */
function BulkReport({ report }: { report: Report }) {
  const { t } = useTranslation('courses');
  const groups = [
    { key: 'enrolled', emails: report.enrolled, label: t('learners.report.enrolled', { n: report.enrolled.length }) },
    {
      key: 'alreadyEnrolled',
      emails: report.alreadyEnrolled,
      label: t('learners.report.alreadyEnrolled', { n: report.alreadyEnrolled.length }),
    },
    { key: 'unknown', emails: report.unknown, label: t('learners.report.unknown', { n: report.unknown.length }) },
    { key: 'invalid', emails: report.invalid, label: t('learners.report.invalid', { n: report.invalid.length }) },
  ];
  return (
    <div role="status" className="bulk-report">
      {groups.map(({ key, emails, label }) => (
        <details key={key} open={emails.length > 0 && key !== 'alreadyEnrolled'}>
          <summary>{label}</summary>
          <ul>
            {emails.map((email) => (
              <li key={email}>{email}</li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

/** Enrols the officials of a CSV file's email column; uploading it again changes nothing. */
export function BulkEnrol({ courseId }: { courseId: string }) {
  const { t } = useTranslation('courses');
  const bulk = useBulkEnrol();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<Report>();
  return (
    <ErrorScope error={bulk.error}>
      <section aria-labelledby="bulk-heading" className="panel">
        <h2 id="bulk-heading">{t('learners.bulkTitle')}</h2>
        <p>{t('learners.bulkHelp')}</p>
        <FormError />
        <Field label={t('learners.csvFile')} name="file">
          <input type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0])} />
        </Field>
        <button
          type="button"
          disabled={!file || bulk.isPending}
          onClick={async () => file && bulk.mutate({ courseId, csv: await file.text() }, { onSuccess: setReport })}
        >
          {t('learners.upload')}
        </button>
        {report && <BulkReport report={report} />}
      </section>
    </ErrorScope>
  );
}

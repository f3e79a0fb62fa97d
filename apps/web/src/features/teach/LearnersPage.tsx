import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Schemas } from '../../api/client';
import { useRevokeCertificate } from '../../api/use-certificates';
import { useBulkEnrol, useCourse, useDecideEnrolment, useLearners } from '../../api/use-courses';
import { useMe } from '../../api/use-me';
import { useMemberStates } from '../../api/use-member-states';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { currentLocale } from '../../i18n';
import { NotFoundPage } from '../shell/NotFoundPage';
import { ProgressBar } from '../courses/parts';

function BulkEnrol({ courseId }: { courseId: string }) {
  const { t } = useTranslation('courses');
  const bulk = useBulkEnrol();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<Schemas['BulkEnrolmentReportDto']>();
  const fields = bulk.error instanceof ApiError ? bulk.error.fields : {};
  const groups = report
    ? [
        { key: 'enrolled', emails: report.enrolled, label: t('learners.report.enrolled', { n: report.enrolled.length }) },
        {
          key: 'alreadyEnrolled',
          emails: report.alreadyEnrolled,
          label: t('learners.report.alreadyEnrolled', { n: report.alreadyEnrolled.length }),
        },
        { key: 'unknown', emails: report.unknown, label: t('learners.report.unknown', { n: report.unknown.length }) },
        { key: 'invalid', emails: report.invalid, label: t('learners.report.invalid', { n: report.invalid.length }) },
      ]
    : [];
  return (
    <section aria-labelledby="bulk-heading" className="panel">
      <h2 id="bulk-heading">{t('learners.bulkTitle')}</h2>
      <p>{t('learners.bulkHelp')}</p>
      <FormError error={bulk.error} />
      <Field label={t('learners.csvFile')} error={fields.file}>
        <input type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0])} />
      </Field>
      <button
        type="button"
        disabled={!file || bulk.isPending}
        onClick={async () => file && bulk.mutate({ courseId, csv: await file.text() }, { onSuccess: setReport })}
      >
        {t('learners.upload')}
      </button>
      {report && (
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
      )}
    </section>
  );
}

function RevokeForm({ certificateId, serial, onDone }: { certificateId: string; serial: string; onDone: () => void }) {
  const { t } = useTranslation('courses');
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState('');
  const fields = revoke.error instanceof ApiError ? revoke.error.fields : {};
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        revoke.mutate({ id: certificateId, reason }, { onSuccess: onDone });
      }}
    >
      <FormError error={revoke.error} />
      <Field label={t('certificates.revokeReason', { serial })} error={fields.reason}>
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={revoke.isPending}>
        {t('certificates.confirmRevoke')}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** A course's learners with their progress; decisions on requests, bulk enrolment, CSV export. */
export function LearnersPage() {
  const { t, i18n } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const course = useCourse(courseId);
  const learners = useLearners(courseId);
  const decide = useDecideEnrolment();
  const { data: me } = useMe();
  const [revoking, setRevoking] = useState<string>();
  const { data: states } = useMemberStates(currentLocale());
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const stateName = (code: string) => states?.find((state) => state.code === code)?.name ?? code;
  if (course.isPending || learners.isPending) return <p role="status">{t('common.loading')}</p>;
  if ([course.error, learners.error].some((e) => e instanceof ApiError && e.status === 404)) return <NotFoundPage />;
  if (!course.data || !learners.data) return <FormError error={course.error ?? learners.error} />;
  const items = learners.data.items;

  return (
    <section>
      <p className="muted">
        <Link to={`/teach/${courseId}`}>{course.data.title}</Link>
      </p>
      <h1>{t('learners.title', { title: course.data.title })}</h1>
      <p className="actions">
        <a className="button" href={`/api/courses/${courseId}/enrolments?format=csv`} download>
          {t('learners.downloadCsv')}
        </a>
        <span className="muted">{t('learners.total', { n: items.length })}</span>
      </p>
      <FormError error={decide.error} />
      {items.length === 0 ? (
        <p>{t('learners.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('learners.title', { title: course.data.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learners.name')}</th>
                <th scope="col">{t('learners.memberState')}</th>
                <th scope="col">{t('learners.status')}</th>
                <th scope="col">{t('learners.progress')}</th>
                <th scope="col">{t('learners.lastActivity')}</th>
                <th scope="col">{t('learners.certificate')}</th>
                <th scope="col">{t('learners.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((learner) => (
                <tr key={learner.id}>
                  <th scope="row">
                    {learner.fullName}
                    <br />
                    <span className="muted">
                      {learner.email} · {learner.institution}
                    </span>
                  </th>
                  <td>{stateName(learner.memberState)}</td>
                  <td>{t(`enrolmentStatuses.${learner.status}`)}</td>
                  <td>
                    <ProgressBar value={learner.progress} label={t('learners.progressOf', { name: learner.fullName })} />
                  </td>
                  <td>{learner.lastActivityAt ? date.format(new Date(learner.lastActivityAt)) : '—'}</td>
                  <td>
                    {learner.certificate ? (
                      <>
                        {learner.certificate.serial}
                        {learner.certificate.revokedAt && <> · {t('certificateStatuses.revoked')}</>}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      {learner.certificate &&
                        !learner.certificate.revokedAt &&
                        me?.roles.includes('admin') &&
                        (revoking === learner.certificate.id ? (
                          <RevokeForm
                            certificateId={learner.certificate.id}
                            serial={learner.certificate.serial}
                            onDone={() => setRevoking(undefined)}
                          />
                        ) : (
                          <button type="button" className="secondary" onClick={() => setRevoking(learner.certificate!.id)}>
                            {t('certificates.revoke')}
                            <span className="visually-hidden"> {learner.certificate.serial}</span>
                          </button>
                        ))}
                      {learner.status === 'pending' && (
                        <>
                          <button
                            type="button"
                            disabled={decide.isPending}
                            onClick={() => decide.mutate({ id: learner.id, decision: 'approve' })}
                          >
                            {t('learners.approve')}
                            <span className="visually-hidden"> {learner.fullName}</span>
                          </button>
                          <button
                            type="button"
                            className="danger"
                            disabled={decide.isPending}
                            onClick={() => decide.mutate({ id: learner.id, decision: 'reject' })}
                          >
                            {t('learners.reject')}
                            <span className="visually-hidden"> {learner.fullName}</span>
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BulkEnrol courseId={courseId} />
    </section>
  );
}

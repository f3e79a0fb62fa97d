import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Schemas } from '../../../api/client';
import { useCourse } from '../../../api/courses/use-course';
import { useLearners } from '../../../api/enrolments/use-learners';
import { useMemberStateName } from '../../../api/member-states/use-member-states';
import { AsyncTable } from '../../../components/Async';
import { FormError } from '../../../components/FormError';
import { usePageTitle } from '../../../components/use-page-title';
import { ProgressBar } from '../../courses/parts';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { BulkEnrol } from './BulkEnrol';
import { LearnerActions } from './LearnerActions';
import { Loading } from '../../../components/Loading';
import { dateFormat } from '../../../intl';

type Learner = Schemas['LearnerDto'];

function LearnerCells({ learner }: { learner: Learner }) {
  const { t, i18n } = useTranslation('courses');
  const stateName = useMemberStateName();
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
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
        <LearnerActions learner={learner} />
      </td>
    </>
  );
}

/** A course's learners with their progress; decisions on requests, bulk enrolment, CSV export. */
export function LearnersPage() {
  const { t } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const course = useCourse(courseId);
  const learners = useLearners(courseId);
  const title = course.data ? t('learners.title', { title: course.data.title }) : undefined;
  usePageTitle(title);
  if (course.isPending) return <Loading />;
  if ([course.error, learners.error].some((e) => e instanceof ApiError && e.status === 404)) return <NotFoundPage />;
  if (!course.data) return <FormError error={course.error} />;

  return (
    <section>
      <p className="muted">
        <Link to={`/teach/${courseId}`}>{course.data.title}</Link>
      </p>
      <h1>{title}</h1>
      <p className="actions">
        <a className="button" href={`/api/courses/${courseId}/enrolments?format=csv`} download>
          {t('learners.downloadCsv')}
        </a>
        {learners.data && <span className="muted">{t('learners.total', { n: learners.data.items.length })}</span>}
      </p>
      <AsyncTable
        cardsOnPhones
        query={learners}
        caption={title!}
        empty={t('learners.empty')}
        columns={[
          t('learners.name'),
          t('learners.memberState'),
          t('learners.status'),
          t('learners.progress'),
          t('learners.lastActivity'),
          t('learners.certificate'),
          t('learners.actions'),
        ]}
        rowKey={(learner) => learner.id}
        row={(learner) => <LearnerCells learner={learner} />}
      />
      <BulkEnrol courseId={courseId} />
    </section>
  );
}

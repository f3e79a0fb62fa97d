import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useActivityStatus } from '../../api/activities/use-activity-edits';
import { useActivity, type Activity } from '../../api/activities/use-activity';
import { ApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../shell/NotFoundPage';
import { ActivityFacts } from './ActivityFacts';
import { AddOfficial } from './participants/AddOfficial';
import { AddPerson } from './participants/AddPerson';
import { ImportList } from './participants/ImportList';
import { ParticipantsTable } from './participants/ParticipantsTable';
import { useConfirm } from '../../components/Feedback';
import { Loading } from '../../components/Loading';

/** The activity's status and what its organisers can do next: hold it, close it (each asked first). */
function StatusPanel({ activity }: { activity: Activity }) {
  const { t } = useTranslation('activities');
  const change = useActivityStatus();
  const confirm = useConfirm();
  const move = async (to: 'hold' | 'close') => {
    const asked =
      to === 'hold'
        ? { title: t('activity.confirmHold'), confirmLabel: t('activity.hold') }
        : { title: t('activity.confirmClose'), confirmLabel: t('activity.close'), danger: true };
    if (await confirm(asked)) change.mutate({ id: activity.id, to });
  };
  return (
    <div className="panel">
      <p>
        {t('list.status')} <strong>{t(`activityStatuses.${activity.status}`)}</strong>
      </p>
      <FormError error={change.error} />
      <p className="actions">
        {activity.status === 'planned' && (
          <button type="button" disabled={change.isPending} onClick={() => move('hold')}>
            {t('activity.hold')}
          </button>
        )}
        {activity.status === 'held' && (
          <button type="button" className="danger" disabled={change.isPending} onClick={() => move('close')}>
            {t('activity.close')}
          </button>
        )}
        {activity.status !== 'closed' && (
          <>
            <Link to={`/activities/${activity.id}/check-in`}>{t('activity.showCheckIn')}</Link>
            <Link to={`/activities/${activity.id}/edit`}>{t('activity.edit')}</Link>
          </>
        )}
      </p>
    </div>
  );
}

/** An activity: what, where and when; its participants and their attendance; adding and importing people. */
export function ActivityPage() {
  const { t } = useTranslation('activities');
  const { activityId = '' } = useParams();
  const { data: activity, error, isPending } = useActivity(activityId);
  usePageTitle(activity?.title);
  if (isPending) return <Loading />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (!activity) return <FormError error={error} />;
  const open = activity.canManage && activity.status !== 'closed';

  return (
    <div className="editor">
      <p className="muted">
        <Link to="/activities">{t('list.title')}</Link>
      </p>
      <h1>
        <bdi>{activity.title}</bdi>
      </h1>
      {activity.canManage && <StatusPanel activity={activity} />}
      <ActivityFacts activity={activity} />
      <ParticipantsTable activity={activity} editable={open} />
      {open && (
        <>
          <AddOfficial activityId={activity.id} />
          <AddPerson activityId={activity.id} />
          <ImportList activityId={activity.id} />
        </>
      )}
    </div>
  );
}

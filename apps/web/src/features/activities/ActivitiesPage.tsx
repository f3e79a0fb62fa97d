import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useActivities } from '../../api/activities/use-activities';
import type { Activity } from '../../api/activities/use-activity';
import { useMe } from '../../api/me/use-me';
import { AsyncTable } from '../../components/Async';
import { Pagination } from '../../components/Pagination';
import { usePageTitle } from '../../components/use-page-title';
import { draftFromSearch, draftToSearch, filtersFromSearch } from './activity-filters';
import { ActivityFiltersForm } from './ActivityFiltersForm';
import { useDateRange, useVenue } from './parts';
import { numberFormat } from '../../intl';

function ActivityCells({ activity }: { activity: Activity }) {
  const { t, i18n } = useTranslation('activities');
  const dates = useDateRange();
  const venue = useVenue();
  const number = numberFormat(i18n.language);
  return (
    <>
      <th scope="row">
        <Link to={`/activities/${activity.id}`}>
          <bdi>{activity.title}</bdi>
        </Link>
      </th>
      <td>{t(`activityKinds.${activity.kind}`)}</td>
      <td>{dates(activity.startsOn, activity.endsOn)}</td>
      <td>{venue(activity)}</td>
      <td>{t(`activityStatuses.${activity.status}`)}</td>
      <td className="number">
        {t('list.counts', { participants: number.format(activity.participantCount), completed: number.format(activity.completedCount) })}
      </td>
    </>
  );
}

/**
 * Trainers' own activities, a focal point's State's, all of them for an admin. The filters live in
 * the address, so a list can be bookmarked and back goes back.
 */
export function ActivitiesPage() {
  const { t } = useTranslation('activities');
  usePageTitle(t('list.title'));
  const { data: me } = useMe();
  const canCreate = me?.roles.some((role) => role === 'trainer' || role === 'admin') ?? false;
  const canImport = me?.roles.includes('admin') ?? false;
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const activities = useActivities(filters);

  function turnPage(offset: number) {
    const next = new URLSearchParams(params);
    if (offset) next.set('offset', String(offset));
    else next.delete('offset');
    setParams(next);
  }

  return (
    <section>
      <h1>{t('list.title')}</h1>
      {(canCreate || canImport) && (
        <p className="actions">
          {canCreate && (
            <Link className="button" to="/activities/new">
              {t('list.new')}
            </Link>
          )}
          {canImport && <Link to="/activities/import">{t('importActivities.title')}</Link>}
        </p>
      )}
      <ActivityFiltersForm initial={draftFromSearch(params)} onApply={(draft) => setParams(draftToSearch(draft))} />
      <AsyncTable
        cardsOnPhones
        query={activities}
        caption={t('list.title')}
        empty={t('list.empty')}
        columns={[
          t('activityFields.title'),
          t('activityFields.kind'),
          t('list.dates'),
          t('list.venue'),
          t('list.status'),
          t('list.participants'),
        ]}
        rowKey={(activity) => activity.id}
        row={(activity) => <ActivityCells activity={activity} />}
      />
      {activities.data && (
        <Pagination total={activities.data.total} limit={filters.limit ?? 0} offset={filters.offset ?? 0} onChange={turnPage} />
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity } from '../../api/activities/use-activity';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { TopicChips } from '../../components/Topics';
import { useDateRange, useVenue } from './parts';
import { languageName, listFormat, numberFormat } from '../../intl';

/** What, where and when, as a list of facts. */
export function ActivityFacts({ activity }: { activity: Activity }) {
  const { t, i18n } = useTranslation('activities');
  const dates = useDateRange();
  const venue = useVenue();
  const stateName = useMemberStateName();
  const number = numberFormat(i18n.language);
  const list = (items: string[]) => (items.length ? listFormat(i18n.language, { type: 'conjunction' }).format(items) : '—');
  const days = Math.round((Date.parse(activity.endsOn) - Date.parse(activity.startsOn)) / 86_400_000) + 1;
  const organisers = [activity.organiser, ...activity.coOrganisers].map((person) => person.fullName);
  // Names written by people, each isolated inside the sentence the list makes ("A, B and C").
  const names = (items: string[]) =>
    listFormat(i18n.language, { type: 'conjunction' })
      .formatToParts(items)
      .map((part, index) => (part.type === 'element' ? <bdi key={index}>{part.value}</bdi> : part.value));
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="visually-hidden">
        {t('activity.details')}
      </h2>
      {activity.description && (
        <p className="prose" dir="auto">
          {activity.description}
        </p>
      )}
      <dl className="facts">
        <dt>{t('activityFields.kind')}</dt>
        <dd>{t(`activityKinds.${activity.kind}`)}</dd>
        <dt>{t('list.dates')}</dt>
        <dd>{dates(activity.startsOn, activity.endsOn)}</dd>
        <dt>{t('activityFields.delivery')}</dt>
        <dd>{t(`deliveries.${activity.delivery}`)}</dd>
        <dt>{t('list.venue')}</dt>
        <dd>{venue(activity)}</dd>
        <dt>{t('activityFields.memberStates')}</dt>
        <dd>{list(activity.memberStates.map(stateName))}</dd>
        <dt>{t('activityFields.languages')}</dt>
        <dd>{list(activity.languages.map((language) => languageName(i18n.language, language)))}</dd>
        <dt>{t('activityFields.topics')}</dt>
        <dd>{activity.topics.length ? <TopicChips topics={activity.topics} /> : '—'}</dd>
        <dt>{t('activityFields.hours')}</dt>
        <dd>{number.format(activity.hours)}</dd>
        <dt>{t('activityFields.requiredAttendance')}</dt>
        <dd>
          {t('activity.requiredDays', {
            percent: number.format(activity.requiredAttendance),
            required: number.format(activity.requiredDays),
            days: number.format(days),
          })}
        </dd>
        <dt>{t('activityFields.course')}</dt>
        <dd>{activity.courseId ? <Link to={`/courses/${activity.courseId}`}>{activity.courseTitle ?? '—'}</Link> : '—'}</dd>
        <dt>{t('activityFields.capacity')}</dt>
        <dd>{activity.capacity === null ? t('activity.noLimit') : number.format(activity.capacity)}</dd>
        <dt>{t('activity.organisers')}</dt>
        <dd>{names(organisers)}</dd>
        <dt>{t('list.participants')}</dt>
        <dd>
          {t('list.counts', { participants: number.format(activity.participantCount), completed: number.format(activity.completedCount) })}
        </dd>
      </dl>
    </section>
  );
}

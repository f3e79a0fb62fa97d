import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../api/activities/use-activity';
import { useMemberStateName, useMemberStates } from '../../api/member-states/use-member-states';
import { dateFormat } from '../../intl';

/** A calendar day `YYYY-MM-DD` as the instant the API means: midnight UTC. */
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "3–5 March 2027" in the reader's language; one date when the activity lasts a day. */
export function useDateRange(): (startsOn: string, endsOn: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (startsOn: string, endsOn: string) => {
      const format = dateFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
      return startsOn === endsOn ? format.format(dayDate(startsOn)) : format.formatRange(dayDate(startsOn), dayDate(endsOn));
    },
    [language],
  );
}

/** One day of an activity: "3 March" (the long form, for labels) or "3 Mar" (column headers). */
export function useDayName(style: 'long' | 'short'): (day: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (day: string) =>
      dateFormat(language, {
        day: 'numeric',
        month: style,
        weekday: style === 'short' ? 'short' : undefined,
        timeZone: 'UTC',
      }).format(dayDate(day)),
    [language, style],
  );
}

/** Where it takes place: "Nairobi, Kenya", or "Online". */
export function useVenue(): (activity: Pick<Activity, 'city' | 'venueMemberState' | 'delivery'>) => string {
  const { t } = useTranslation('activities');
  const stateName = useMemberStateName();
  return useCallback(
    (activity) => {
      const parts = [activity.city, activity.venueMemberState ? stateName(activity.venueMemberState) : null].filter(Boolean);
      return parts.length ? parts.join(', ') : t('deliveries.online');
    },
    [t, stateName],
  );
}

/** The Member States' names for a text field to offer (`list={id}`), as registration does. */
export function MemberStateOptions({ id }: { id: string }) {
  const { data: states } = useMemberStates();
  return (
    <datalist id={id}>
      {states?.map((state) => (
        <option key={state.code} value={state.name} />
      ))}
    </datalist>
  );
}

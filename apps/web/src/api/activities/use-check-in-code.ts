import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { dateFormat } from '../../intl';

export type CheckInCode = Schemas['CheckInCodeDto'];

export const checkInCodeKeys = {
  all: ['activities', 'check-in-code'] as const,
  one: (activityId: string) => [...checkInCodeKeys.all, activityId] as const,
};

/**
 * When to ask for the next code: shortly before this one expires. The API also takes the previous
 * window's code, so a code shown a little past its expiry still works; the bounds keep a screen
 * whose clock is far off from asking every instant or too rarely.
 */
export function nextCodeIn(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now - 2_000;
  return Math.min(25_000, Math.max(5_000, Number.isFinite(left) ? left : 5_000));
}

/**
 * The date here, by this device's clock and time zone (`YYYY-MM-DD`; `timeZone` for tests): the screen stands in the
 * room, so its date is the venue's, which the API signs into the code so that every check-in
 * records the day of the session rather than UTC's.
 */
export function localDay(now: Date, timeZone?: string): string {
  const parts = dateFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The code of the moment for an activity's self check-in, for the venue's date, renewed before it expires. */
export const checkInCodeQuery = (activityId: string) =>
  queryOptions({
    queryKey: checkInCodeKeys.one(activityId),
    queryFn: () =>
      unwrap(
        api.GET('/api/activities/{id}/check-in-code', {
          params: { path: { id: activityId }, query: { day: localDay(new Date()) } },
        }),
      ),
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => (query.state.data ? nextCodeIn(query.state.data.expiresAt, Date.now()) : false),
    // The screen is left alone in a room; it keeps renewing when another window has the focus.
    refetchIntervalInBackground: true,
  });

export function useCheckInCode(activityId: string) {
  return useQuery(checkInCodeQuery(activityId));
}

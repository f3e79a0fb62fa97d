import { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityKind, type ActivityStatus } from '@ctlp/contracts';
import { ACTIVITIES_PAGE_SIZE, type ActivityFilters } from '../../api/activities/use-activities';

/** The list's filters as its form edits them and the address keeps them (`?from=…&kind=…`). */
export interface ActivityFilterDraft {
  from: string;
  to: string;
  kind: string;
  memberState: string;
  status: string;
}

export const FILTER_NAMES = ['from', 'to', 'kind', 'memberState', 'status'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATE = /^[A-Z]{3}$/;

/** What the address says, each filter empty when it says nothing (or nothing the form offers). */
export function draftFromSearch(params: URLSearchParams): ActivityFilterDraft {
  return {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    kind: params.get('kind') ?? '',
    memberState: params.get('memberState') ?? '',
    status: params.get('status') ?? '',
  };
}

/** The filters that are set, so the address is a bookmark of this very list (a new filter starts at the first page). */
export function draftToSearch(draft: ActivityFilterDraft): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (draft[name].trim()) params.set(name, draft[name].trim());
  return params;
}

/** The API's query for the address; values the API cannot take are left out rather than sent. */
export function filtersFromSearch(params: URLSearchParams): ActivityFilters {
  const draft = draftFromSearch(params);
  const offset = Number(params.get('offset'));
  return {
    limit: ACTIVITIES_PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    ...(DAY.test(draft.from) ? { from: draft.from } : {}),
    ...(DAY.test(draft.to) ? { to: draft.to } : {}),
    ...((ACTIVITY_KINDS as readonly string[]).includes(draft.kind) ? { kind: draft.kind as ActivityKind } : {}),
    ...(STATE.test(draft.memberState) ? { memberState: draft.memberState } : {}),
    ...((ACTIVITY_STATUSES as readonly string[]).includes(draft.status) ? { status: draft.status as ActivityStatus } : {}),
  };
}

import type { ActivityDelivery, ActivityKind, Locale } from '@ctlp/contracts';
import type { Activity } from '../../api/activities/use-activity';
import type { Schemas } from '../../api/client';

/** A trainer named as co-organiser, as the form lists them. */
export interface OrganiserChoice {
  id: string;
  fullName: string;
  /** What tells two people of the same name apart (email, institution). */
  detail: string;
}

/** The activity form as the organiser edits it: numbers as typed, the venue State by its name. */
export interface ActivityDraft {
  kind: ActivityKind;
  title: string;
  description: string;
  delivery: ActivityDelivery;
  startsOn: string;
  endsOn: string;
  venueStateName: string;
  city: string;
  memberStates: string[];
  languages: Locale[];
  topics: string[];
  hours: string;
  requiredAttendance: string;
  courseId: string;
  capacity: string;
  coOrganisers: OrganiserChoice[];
}

/** A new activity: a one-day workshop in the organiser's language, everyone expected every day. */
export function emptyDraft(language: Locale): ActivityDraft {
  return {
    kind: 'workshop',
    title: '',
    description: '',
    delivery: 'in_person',
    startsOn: '',
    endsOn: '',
    venueStateName: '',
    city: '',
    memberStates: [],
    languages: [language],
    topics: [],
    hours: '',
    requiredAttendance: '100',
    courseId: '',
    capacity: '',
    coOrganisers: [],
  };
}

/** The form for an existing activity; `stateName` gives the venue State's name in the reader's language. */
export function draftOf(activity: Activity, stateName: (code: string) => string): ActivityDraft {
  return {
    kind: activity.kind,
    title: activity.title,
    description: activity.description,
    delivery: activity.delivery,
    startsOn: activity.startsOn,
    endsOn: activity.endsOn,
    venueStateName: activity.venueMemberState ? stateName(activity.venueMemberState) : '',
    city: activity.city ?? '',
    memberStates: activity.memberStates,
    languages: activity.languages,
    topics: activity.topics,
    hours: String(activity.hours),
    requiredAttendance: String(activity.requiredAttendance),
    courseId: activity.courseId ?? '',
    capacity: activity.capacity === null ? '' : String(activity.capacity),
    coOrganisers: activity.coOrganisers.map((person) => ({ id: person.id, fullName: person.fullName, detail: person.email })),
  };
}

/**
 * A number as typed. An empty required number goes as null, so the API names the field that is
 * missing in the reader's language rather than the page guessing a value.
 */
const typed = (text: string): number => (text.trim() === '' ? (null as unknown as number) : Number(text));

/**
 * The request body; `venueMemberState` is the code of the State the name was matched to (null:
 * none). The co-organisers go only when the caller may choose them (the organiser or an admin):
 * the API refuses the list from anyone else, even unchanged.
 */
export function bodyOf(draft: ActivityDraft, venueMemberState: string | null, chooseOrganisers = true): Schemas['CreateActivityDto'] {
  return {
    kind: draft.kind,
    title: draft.title,
    description: draft.description,
    delivery: draft.delivery,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    venueMemberState,
    city: draft.city.trim() || null,
    memberStates: draft.memberStates,
    languages: draft.languages,
    // A slug from before the vocabulary goes as it is: the API names it, and the form shows it ticked.
    topics: draft.topics as Schemas['Topic'][],
    hours: typed(draft.hours),
    requiredAttendance: typed(draft.requiredAttendance),
    courseId: draft.courseId || null,
    capacity: draft.capacity.trim() === '' ? null : Number(draft.capacity),
    ...(chooseOrganisers ? { coOrganiserIds: draft.coOrganisers.map((person) => person.id) } : {}),
  };
}

/** The draft with this trainer among the co-organisers (once), or without them. */
export function withOrganiser(draft: ActivityDraft, person: OrganiserChoice): ActivityDraft {
  return draft.coOrganisers.some((chosen) => chosen.id === person.id) ? draft : { ...draft, coOrganisers: [...draft.coOrganisers, person] };
}

export function withoutOrganiser(draft: ActivityDraft, id: string): ActivityDraft {
  return { ...draft, coOrganisers: draft.coOrganisers.filter((chosen) => chosen.id !== id) };
}

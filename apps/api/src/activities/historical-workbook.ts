import { ACTIVITY_DELIVERIES, ACTIVITY_KINDS, LOCALES, TOPICS } from '@ctlp/contracts';
import type { ActivityDelivery, ActivityKind, Locale, Topic } from '@ctlp/contracts';
import { ValidationError } from '../common/app-error.js';
import type { ImportedActivity } from './activities-import.repository.js';
import {
  daysBetween,
  enumMatcher,
  findHeader,
  headerKey,
  PeopleSeen,
  PERSON_COLUMNS,
  personFrom,
  readSpreadsheet,
  recordsOf,
  requireColumns,
  text,
  type InvalidRow,
  type MemberStateMatcher,
  type PersonColumn,
  type RowErrors,
  type Sheet,
} from './attendance-list.js';
import type { ParticipantInput } from './participant-input.js';

/**
 * A historical workbook: years of past activities on an "activities" sheet and their participants
 * on a "participants" sheet, each row checked. Pure: the bytes and the Member States in, the rows
 * to write and the rows refused out. Column names are matched like an attendance list's (case,
 * accents, spaces and punctuation do not count); the participants sheet takes an attendance
 * list's columns plus activityRef and attendedDays or attended.
 */

export const HISTORICAL_MAX_BYTES = 20 * 1024 * 1024;
export const HISTORICAL_MAX_PARTICIPANTS = 100_000;
export const HISTORICAL_MAX_ACTIVITIES = 10_000;

export const ACTIVITY_COLUMNS = {
  ref: ['Reference', 'Activity ref', 'Activity reference', 'ID', 'Code'],
  kind: ['Type', 'Activity type', 'Kind of activity'],
  title: ['Title', 'Activity title', 'Name of the activity'],
  delivery: ['Delivery', 'Format', 'Mode', 'Modality'],
  startsOn: ['Start', 'Start date', 'Starts', 'From'],
  endsOn: ['End', 'End date', 'Ends', 'To'],
  venueMemberState: ['Venue State', 'Venue Member State', 'Venue', 'Host country', 'Host State'],
  city: ['City', 'Venue city', 'Place'],
  memberStates: ['Member States', 'States served', 'Beneficiary States', 'Countries', 'Participating States'],
  languages: ['Language', 'Languages'],
  topics: ['Topic', 'Themes', 'Theme'],
  hours: ['Training hours', 'Duration (hours)', 'Duration'],
  requiredAttendance: ['Required attendance', 'Required attendance (%)', 'Attendance required'],
  status: ['State of the activity'],
} as const;
type ActivityColumn = keyof typeof ACTIVITY_COLUMNS;

export const PARTICIPANT_COLUMNS = {
  ...PERSON_COLUMNS,
  activityRef: ['Activity', 'Activity reference', 'Ref', 'Reference'],
  attendedDays: ['Attended days', 'Days attended', 'Days present', 'Days'],
  attended: ['Present', 'Attendance', 'Completed'],
} as const;
type ParticipantColumn = keyof typeof PARTICIPANT_COLUMNS;

const kindOf = enumMatcher<ActivityKind>(ACTIVITY_KINDS, {
  workshop: ['Workshop', 'Atelier', 'Taller', 'Семинар-практикум'],
  training_course: ['Training course', 'Training', 'Course', 'National training', 'Regional training', 'Formation', 'Curso'],
  webinar: ['Webinar', 'Online seminar', 'Webinaire', 'Seminario web', 'Вебинар'],
  study_visit: ['Study visit', 'Study tour', "Visite d'étude", 'Visita de estudio'],
  mentoring: ['Mentoring', 'Mentorship', 'Tutorat', 'Mentoría'],
  exercise: ['Exercise', 'Tabletop exercise', 'Simulation', 'Exercice', 'Ejercicio'],
  conference: ['Conference', 'Seminar', 'Meeting', 'Conférence', 'Conferencia', 'Конференция'],
});

const deliveryOf = enumMatcher<ActivityDelivery>(ACTIVITY_DELIVERIES, {
  in_person: ['In person', 'Face to face', 'On site', 'Onsite', 'Présentiel', 'Presencial', 'Очно'],
  online: ['Online', 'Virtual', 'Remote', 'En ligne', 'En línea', 'Онлайн'],
  hybrid: ['Hybrid', 'Blended', 'Hybride', 'Híbrido', 'Гибрид'],
});

const languageOf = enumMatcher<Locale>(LOCALES, {
  ar: ['Arabic', 'العربية', 'Arabe', 'Árabe', 'Арабский', '阿拉伯文', '阿拉伯语'],
  zh: ['Chinese', '中文', 'Chinois', 'Chino', 'Китайский', 'الصينية'],
  en: ['English', 'Anglais', 'Inglés', 'Английский', 'الإنكليزية', 'الإنجليزية', '英文', '英语'],
  fr: ['French', 'Français', 'Francés', 'Французский', 'الفرنسية', '法文', '法语'],
  ru: ['Russian', 'Русский', 'Russe', 'Ruso', 'الروسية', '俄文', '俄语'],
  es: ['Spanish', 'Español', 'Espagnol', 'Испанский', 'الإسبانية', '西班牙文', '西班牙语'],
});

// A workbook's topics: the slug, its English name, or a name older sheets used for it.
const topicOf = enumMatcher<Topic>(TOPICS, {
  'legal-framework': ['Legal framework', 'International legal framework', 'Legal', 'Cadre juridique', 'Marco jurídico'],
  'international-cooperation': [
    'International cooperation',
    'International co-operation',
    'Cooperation',
    'Mutual legal assistance',
    'Extradition',
    'Coopération internationale',
    'Cooperación internacional',
  ],
  financing: [
    'Terrorism financing',
    'Terrorist financing',
    'Financing of terrorism',
    'Countering the financing of terrorism',
    'CFT',
    'AML/CFT',
    'Financement du terrorisme',
    'Financiación del terrorismo',
  ],
  'foreign-terrorist-fighters': ['Foreign terrorist fighters', 'FTF', 'FTFs', 'Foreign fighters', 'Combattants terroristes étrangers'],
  'human-rights': ['Human rights', 'Droits de l’homme', "Droits de l'homme", 'Derechos humanos'],
  gender: ['Gender', 'Gender mainstreaming', 'Genre', 'Género'],
  victims: ['Victims', 'Victims of terrorism', 'Victim support', 'Victimes', 'Víctimas'],
  children: ['Children', 'Children and youth', 'Youth', 'Enfants', 'Niños'],
  investigation: ['Investigation', 'Investigations', 'Enquête', 'Investigación'],
  prosecution: ['Prosecution', 'Prosecution and adjudication', 'Adjudication', 'Poursuites', 'Enjuiciamiento'],
  evidence: ['Evidence', 'Digital evidence', 'Electronic evidence', 'Preuve', 'Pruebas'],
  prisons: ['Prisons', 'Prison', 'Prison management', 'Corrections', 'Prisons et détention', 'Prisiones'],
  'border-security': ['Border security', 'Border', 'Borders', 'Border management', 'Sécurité des frontières', 'Seguridad fronteriza'],
  cbrn: ['CBRN', 'CBRN terrorism', 'Nuclear terrorism', 'NRBC', 'QBRN'],
  internet: ['Internet', 'Use of the internet', 'ICT', 'Online', 'Cyber', 'Utilisation d’Internet', 'Uso de Internet'],
  'violent-extremism': [
    'Violent extremism',
    'Preventing violent extremism',
    'Countering violent extremism',
    'PVE',
    'CVE',
    'Radicalisation',
    'Radicalization',
    'Extrémisme violent',
    'Extremismo violento',
  ],
});

const statusOf = enumMatcher<'held' | 'closed'>(['held', 'closed'], {
  held: ['Held', 'Done', 'Completed', 'Tenue', 'Realizada'],
  closed: ['Closed', 'Clôturée', 'Cerrada'],
});

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'si', 'да', 'نعم', '是'].map(headerKey));
const NO = new Set(['no', 'n', 'false', '0', '', 'non', 'нет', 'لا', '否'].map(headerKey));

export interface WorkbookActivity {
  row: number;
  /** The reference as the row writes it. */
  ref: string;
  /** The reference as rows are matched on it, in the workbook and across imports (activities.import_ref). */
  importRef: string;
  activity: ImportedActivity;
  days: string[];
  participants: Array<{ row: number; input: ParticipantInput; attendedDays: number | null }>;
}

export interface HistoricalWorkbook {
  activities: WorkbookActivity[];
  invalidActivities: InvalidRow[];
  invalidParticipants: InvalidRow[];
}

/**
 * An activity's reference as the workbook matches it (case, accents, spaces and punctuation do not
 * count: "W-2019-01" and "w 2019/01" are one activity); stored as activities.import_ref, so a later
 * import of the same reference is the same activity.
 */
export function importRefOf(ref: string): string {
  return headerKey(ref);
}

function sheetNamed(sheets: Sheet[], name: string): Sheet {
  const sheet = sheets.find((s) => headerKey(s.name) === name);
  if (!sheet) throw ValidationError.field('file', 'sheet_missing', { sheet: name });
  return sheet;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}.*)?$/;

/** A calendar day from YYYY-MM-DD (a date cell reads so), or undefined. */
function dayOf(value: string | undefined): string | undefined {
  const match = DAY.exec(value ?? '');
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(/[,;|\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

function number(value: string | undefined, field: string, errors: RowErrors, min: number, max: number, integer: boolean): number | null {
  if (!value) return null;
  const parsed = Number(value.replace(',', '.').replace(/%$/, ''));
  if (!Number.isFinite(parsed)) errors[field] = 'not_number';
  else if (integer && !Number.isInteger(parsed)) errors[field] = 'not_integer';
  else if (parsed < min) errors[field] = 'too_small';
  else if (parsed > max) errors[field] = 'too_large';
  else return parsed;
  return null;
}

function activityFrom(
  values: Partial<Record<ActivityColumn, string>>,
  memberStateOf: MemberStateMatcher,
  errors: RowErrors,
): ImportedActivity {
  const title = text(values.title, 'title', errors, true);
  const kind = values.kind ? kindOf(values.kind) : undefined;
  if (!values.kind) errors.kind = 'required';
  else if (!kind) errors.kind = 'not_one_of';
  const delivery = values.delivery ? deliveryOf(values.delivery) : 'in_person';
  if (!delivery) errors.delivery = 'not_one_of';
  const startsOn = dayOf(values.startsOn);
  if (!startsOn) errors.startsOn = values.startsOn ? 'not_date' : 'required';
  const endsOn = values.endsOn ? dayOf(values.endsOn) : startsOn;
  if (!endsOn && !errors.startsOn) errors.endsOn = 'not_date';
  if (startsOn && endsOn) {
    if (endsOn < startsOn) errors.endsOn = 'must_not_be_before';
    else if (daysBetween(startsOn, endsOn).length > 366) errors.endsOn = 'activity_too_long';
  }
  let venueMemberState: string | null = null;
  if (values.venueMemberState) {
    venueMemberState = memberStateOf(values.venueMemberState) ?? null;
    if (!venueMemberState) errors.venueMemberState = 'unknown_member_state';
  }
  const memberStates = [...new Set(listOf(values.memberStates).map((name) => memberStateOf(name) ?? ''))];
  if (memberStates.includes('')) errors.memberStates = 'unknown_member_state';
  const languages = [...new Set(listOf(values.languages).map((name) => languageOf(name) ?? ''))] as Locale[];
  if (languages.includes('' as Locale)) errors.languages = 'not_one_of';
  const topics = [...new Set(listOf(values.topics).map((name) => topicOf(name) ?? ''))] as Topic[];
  if (topics.includes('' as Topic)) errors.topics = 'unknown_topic';
  else if (topics.length > 10) errors.topics = 'too_many_items';
  const status = values.status ? statusOf(values.status) : 'closed';
  if (!status) errors.status = 'not_one_of';
  return {
    kind: kind!,
    title: title ?? '',
    delivery: delivery!,
    startsOn: startsOn!,
    endsOn: endsOn!,
    venueMemberState,
    city: text(values.city, 'city', errors, false),
    memberStates: memberStates.filter(Boolean),
    languages: languages.filter(Boolean),
    topics: topics.filter(Boolean),
    hours: number(values.hours, 'hours', errors, 0, 99_999.9, false) ?? 0,
    requiredAttendance: number(values.requiredAttendance, 'requiredAttendance', errors, 0, 100, true) ?? 100,
    status: status ?? 'closed',
  };
}

/** How many of the activity's days the person attended: attendedDays, else attended yes (all) or no (none), else not said. */
function attendedFrom(values: Partial<Record<ParticipantColumn, string>>, days: number, errors: RowErrors): number | null {
  if (values.attendedDays) return number(values.attendedDays, 'attendedDays', errors, 0, days, true);
  if (values.attended === undefined || values.attended === '') return null;
  const key = headerKey(values.attended);
  if (YES.has(key)) return days;
  if (NO.has(key)) return 0;
  errors.attended = 'not_boolean';
  return null;
}

/**
 * Reads a historical workbook. A workbook that cannot be read, or lacks a sheet or a required
 * column, is a 400 on `file`; rows that are wrong are returned apart, with a code per field. A
 * participant of an activity whose row is wrong is refused too (activity_row_invalid).
 */
export async function parseHistoricalWorkbook(file: Buffer, memberStateOf: MemberStateMatcher): Promise<HistoricalWorkbook> {
  const sheets = await readSpreadsheet(file, { maxRows: HISTORICAL_MAX_PARTICIPANTS, maxBytes: HISTORICAL_MAX_BYTES });
  const activitySheet = sheetNamed(sheets, 'activities');
  const participantSheet = sheetNamed(sheets, 'participants');
  const activityHeader = findHeader(activitySheet, ACTIVITY_COLUMNS, requireColumns('ref', 'kind', 'title', 'startsOn'));
  const participantHeader = findHeader<ParticipantColumn>(participantSheet, PARTICIPANT_COLUMNS, {
    columns: ['activityRef', 'fullName', 'memberState'],
    missing: (column) =>
      column.activityRef === undefined
        ? 'activityRef'
        : column.fullName === undefined && (column.firstName === undefined || column.lastName === undefined)
          ? 'fullName'
          : column.memberState === undefined
            ? 'memberState'
            : undefined,
  });
  const activityRows = recordsOf(activitySheet, activityHeader);
  if (activityRows.length > HISTORICAL_MAX_ACTIVITIES) {
    throw ValidationError.field('file', 'csv_too_many_rows', { max: HISTORICAL_MAX_ACTIVITIES });
  }

  const result: HistoricalWorkbook = { activities: [], invalidActivities: [], invalidParticipants: [] };
  const byRef = new Map<string, WorkbookActivity | null>();
  for (const { row, values } of activityRows) {
    const errors: RowErrors = {};
    const ref = text(values.ref, 'ref', errors, true) ?? '';
    const key = importRefOf(ref);
    if (ref && !key) errors.ref = 'invalid_format';
    else if (ref && byRef.has(key)) errors.ref = 'duplicate_in_file';
    const activity = activityFrom(values, memberStateOf, errors);
    if (Object.keys(errors).length) {
      result.invalidActivities.push({ row, fields: errors });
      if (!byRef.has(key)) byRef.set(key, null);
      continue;
    }
    const entry: WorkbookActivity = {
      row,
      ref,
      importRef: key,
      activity,
      days: daysBetween(activity.startsOn, activity.endsOn),
      participants: [],
    };
    byRef.set(key, entry);
    result.activities.push(entry);
  }

  const seen = new Map<WorkbookActivity, PeopleSeen>();
  for (const { row, values } of recordsOf(participantSheet, participantHeader)) {
    const errors: RowErrors = {};
    const activity = values.activityRef ? byRef.get(importRefOf(values.activityRef)) : undefined;
    if (!values.activityRef) errors.activityRef = 'required';
    else if (activity === undefined) errors.activityRef = 'unknown_activity_ref';
    else if (activity === null) errors.activityRef = 'activity_row_invalid';
    const input = personFrom(values as Partial<Record<PersonColumn, string>>, memberStateOf, errors);
    const attendedDays = attendedFrom(values, activity?.days.length ?? 366, errors);
    if (activity) {
      let emails = seen.get(activity);
      if (!emails) seen.set(activity, (emails = new PeopleSeen()));
      emails.claim(input, errors);
    }
    if (Object.keys(errors).length || !activity) result.invalidParticipants.push({ row, fields: errors });
    else activity.participants.push({ row, input, attendedDays });
  }
  return result;
}

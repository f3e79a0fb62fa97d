import { describe, expect, it } from '@jest/globals';
import { isPresent, withAttendance } from '../src/api/activities/attendance-cache';
import type { ActivitiesImportReport } from '../src/api/activities/use-import-activities';
import type { ParticipantList } from '../src/api/activities/use-participants';
import { activityRows, extraCount, participantRows } from '../src/features/activities/activities-import-report';
import { bodyOf, emptyDraft, withOrganiser, withoutOrganiser } from '../src/features/activities/activity-draft';
import { draftFromSearch, draftToSearch, filtersFromSearch } from '../src/features/activities/activity-filters';
import { afterSignIn, safeNext } from '../src/features/auth/safe-next';
import { qrPath } from '../src/components/qr-path';

describe('activity list filters in the address', () => {
  it('reads the filters it can send and leaves out what the API would refuse', () => {
    const params = new URLSearchParams('from=2027-03-01&to=soon&kind=workshop&memberState=KEN&status=archived&offset=50');
    expect(filtersFromSearch(params)).toEqual({ limit: 25, offset: 50, from: '2027-03-01', kind: 'workshop', memberState: 'KEN' });
  });

  it('writes only the filters that are set, and a new filter starts again at the first page', () => {
    const draft = { ...draftFromSearch(new URLSearchParams('offset=50')), kind: 'webinar', memberState: ' FRA ' };
    expect(draftToSearch(draft).toString()).toBe('kind=webinar&memberState=FRA');
  });

  it('takes a negative or broken page offset as the first page', () => {
    expect(filtersFromSearch(new URLSearchParams('offset=-5')).offset).toBe(0);
    expect(filtersFromSearch(new URLSearchParams('offset=abc')).offset).toBe(0);
  });
});

describe('the activity form', () => {
  it('sends an empty required number as null, so the API names the field', () => {
    const body = bodyOf({ ...emptyDraft('fr'), title: 'Atelier', startsOn: '2027-03-01', endsOn: '2027-03-03', hours: '' }, 'SEN');
    expect(body.hours).toBeNull();
    expect(body.requiredAttendance).toBe(100);
    expect(body.venueMemberState).toBe('SEN');
    expect(body.languages).toEqual(['fr']);
    expect(body.capacity).toBeNull();
    expect(body.courseId).toBeNull();
    expect(body.city).toBeNull();
  });

  it('sends numbers as numbers and the ticked topics as they are', () => {
    const body = bodyOf({ ...emptyDraft('en'), hours: '12.5', capacity: '30', topics: ['financing', 'human-rights'] }, null);
    expect(body).toMatchObject({ hours: 12.5, capacity: 30, topics: ['financing', 'human-rights'], venueMemberState: null });
    expect(bodyOf(emptyDraft('en'), null).topics).toEqual([]);
  });

  it('names each co-organiser once, and sends them only when the caller may choose them', () => {
    const amina = { id: 'u1', fullName: 'Amina Diallo', detail: 'amina@example.org' };
    const omar = { id: 'u2', fullName: 'Omar Haddad', detail: 'omar@example.org' };
    const draft = withOrganiser(withOrganiser(withOrganiser(emptyDraft('en'), amina), omar), amina);
    expect(draft.coOrganisers.map((person) => person.id)).toEqual(['u1', 'u2']);
    expect(bodyOf(withoutOrganiser(draft, 'u1'), null).coOrganiserIds).toEqual(['u2']);
    // A co-organiser saving the form sends no list: the API refuses one from anyone but the organiser or an admin.
    expect('coOrganiserIds' in bodyOf(draft, null, false)).toBe(false);
    expect(bodyOf(emptyDraft('en'), null).coOrganiserIds).toEqual([]);
  });
});

describe('attendance in the cached participants list', () => {
  const list: ParticipantList = {
    total: 2,
    days: ['2027-03-01', '2027-03-02', '2027-03-03'],
    items: [
      {
        id: 'p1',
        participantId: 'x1',
        userId: null,
        fullName: 'Amina Diallo',
        email: null,
        memberState: 'SEN',
        institution: null,
        agencyType: null,
        gender: null,
        role: 'participant',
        completed: false,
        attendance: [{ day: '2027-03-03', present: true }],
      },
      {
        id: 'p2',
        participantId: 'x2',
        userId: null,
        fullName: 'Omar Haddad',
        email: null,
        memberState: 'MAR',
        institution: null,
        agencyType: null,
        gender: null,
        role: 'participant',
        completed: false,
        attendance: [],
      },
    ],
  };

  it('records the day for that participant only, keeps the days in order and takes the completion the API gave', () => {
    const next = withAttendance(list, { participantId: 'p1', date: '2027-03-01', present: true, completed: true });
    expect(next.items[0]!.attendance).toEqual([
      { day: '2027-03-01', present: true },
      { day: '2027-03-03', present: true },
    ]);
    expect(next.items[0]!.completed).toBe(true);
    expect(next.items[1]).toBe(list.items[1]);
  });

  it('replaces a day already recorded rather than adding it twice', () => {
    const next = withAttendance(list, { participantId: 'p1', date: '2027-03-03', present: false, completed: false });
    expect(next.items[0]!.attendance).toEqual([{ day: '2027-03-03', present: false }]);
    expect(isPresent(next.items[0]!, '2027-03-03')).toBe(false);
    expect(isPresent(list.items[0]!, '2027-03-03')).toBe(true);
    expect(isPresent(list.items[0]!, '2027-03-02')).toBe(false);
  });
});

describe('coming back after signing in', () => {
  it('sends an active official where the link was headed, and nowhere off the site', () => {
    expect(afterSignIn('active', '/check-in?code=abc')).toBe('/check-in?code=abc');
    expect(afterSignIn('active', null)).toBe('/');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
  });

  it('brings a newly registered official back to the check-in, else to the page about vetting', () => {
    expect(afterSignIn('pending', '/check-in?code=abc')).toBe('/check-in?code=abc');
    expect(afterSignIn('pending', null)).toBe('/pending');
  });
});

describe('the QR code drawn in the page', () => {
  it('draws the three finder patterns inside a quiet zone, the same for the same text', () => {
    const url = 'https://ctlp.example/check-in?code=AAAAAAAAAAAAAAAAAAAAAA.abcdefg.BBBBBBBBBBBB';
    const { size, path } = qrPath(url);
    // Version 5 at level M holds this address: 37 modules, and 4 of quiet zone on each side.
    expect(size).toBe(37 + 8);
    for (const [x, y] of [
      [4, 4],
      [size - 5, 4],
      [4, size - 5],
    ]) {
      expect(path).toContain(`M${x} ${y}h1v1h-1z`);
    }
    expect(path).not.toContain('M0 0h');
    expect(qrPath(url)).toEqual({ size, path });
  });
});

describe('the workbook import’s answer, read whatever it carries', () => {
  // The answer as the API gave it before it carried rows and outcomes (issue 17 added them): still read.
  const today = {
    dryRun: true,
    activities: { created: 2, invalid: [{ row: 3, fields: { kind: 'not_one_of' } }] },
    participants: { added: 4, updated: 0, unchanged: 0, matchedAccounts: 1, participantDays: 9, completed: 3, invalid: [] },
  } as unknown as ActivitiesImportReport;

  it('lists no valid row and no extra count when the answer names none', () => {
    expect(activityRows(today)).toEqual([]);
    expect(participantRows(today)).toEqual([]);
    expect(extraCount(today.activities, 'updated')).toBeNull();
  });

  it('reads per-row outcomes and extra counts when the answer has them, skipping what is not a row', () => {
    const later = {
      ...today,
      activities: {
        ...today.activities,
        updated: 1,
        unchanged: 0,
        rows: [
          { row: 2, ref: 'W-2019-01', title: 'Workshop', outcome: 'updated', id: 'a1' },
          { row: 4, importRef: 'W-2019-02', outcome: 'added', activityId: 'a2' },
          { ref: 'no row number' },
          'nonsense',
        ],
      },
      participants: { ...today.participants, rows: [{ row: 2, fullName: 'Amina Diallo', outcome: 'added', matchedAccount: true }] },
    } as unknown as ActivitiesImportReport;
    expect(activityRows(later)).toEqual([
      { row: 2, ref: 'W-2019-01', title: 'Workshop', outcome: 'updated', activityId: 'a1' },
      { row: 4, ref: 'W-2019-02', title: null, outcome: 'added', activityId: 'a2' },
    ]);
    expect(participantRows(later)).toEqual([
      { row: 2, fullName: 'Amina Diallo', activityRef: null, outcome: 'added', matchedAccount: true },
    ]);
    expect(extraCount(later.activities, 'updated')).toBe(1);
    expect(extraCount(later.activities, 'unchanged')).toBe(0);
  });
});

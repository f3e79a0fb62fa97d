import type { ActivityViewRow } from './activities.repository.js';
import type { ActivityDto } from './dto/activity.dto.js';
import type { ActivityParticipantRow } from './participants.repository.js';
import type { ActivityParticipantDto } from './dto/participant.dto.js';

const DAY_MS = 86_400_000;

/** The days from the first to the last, as YYYY-MM-DD (UTC arithmetic: a day is a calendar day). */
export function activityDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${startsOn}T00:00:00Z`), end = Date.parse(`${endsOn}T00:00:00Z`); t <= end; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function toActivityDto(row: ActivityViewRow): ActivityDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    delivery: row.delivery,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    venueMemberState: row.venueMemberState?.trim() ?? null,
    city: row.city,
    memberStates: row.memberStates.map((code) => code.trim()),
    languages: row.languages,
    topics: row.topics,
    hours: row.hours,
    requiredAttendance: row.requiredAttendance,
    requiredDays: row.requiredDays,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    capacity: row.capacity,
    status: row.status,
    organiser: row.organiser,
    coOrganisers: row.coOrganisers,
    participantCount: row.participantCount,
    completedCount: row.completedCount,
    canManage: row.canManage,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toActivityParticipantDto(row: ActivityParticipantRow): ActivityParticipantDto {
  return { ...row, memberState: row.memberState.trim() };
}

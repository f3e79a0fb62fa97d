import type { Schemas } from '../client';
import type { ParticipantList } from './use-participants';

type AttendanceResult = Schemas['AttendanceResultDto'];

/** The list with one day's record of one participant as the API answered it, days kept in order. */
export function withAttendance(list: ParticipantList, result: AttendanceResult): ParticipantList {
  return {
    ...list,
    items: list.items.map((participant) => {
      if (participant.id !== result.participantId) return participant;
      const others = participant.attendance.filter((mark) => mark.day !== result.date);
      const attendance = [...others, { day: result.date, present: result.present }].sort((a, b) => a.day.localeCompare(b.day));
      return { ...participant, attendance, completed: result.completed };
    }),
  };
}

/** Whether the list records this participant present on `day` (no record: not present). */
export function isPresent(participant: ParticipantList['items'][number], day: string): boolean {
  return participant.attendance.some((mark) => mark.day === day && mark.present);
}

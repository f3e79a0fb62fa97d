import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';
import { query, sql } from '../common/sql.js';
import type { MemberStateNames } from './attendance-list.js';

/** An activity of a historical workbook, as its row gave it (checked). */
export interface ImportedActivity {
  kind: ActivityKind;
  title: string;
  delivery: ActivityDelivery;
  startsOn: string;
  endsOn: string;
  venueMemberState: string | null;
  city: string | null;
  memberStates: string[];
  languages: Locale[];
  topics: string[];
  hours: number;
  requiredAttendance: number;
  status: Exclude<ActivityStatus, 'planned'>;
}

/** Statements of the imports (attendance lists, historical workbooks) that ParticipantsService and AttendanceService do not run. */
@Injectable()
export class ActivitiesImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The States with every name a list may give them by. */
  async memberStates(manager: EntityManager = this.dataSource.manager): Promise<MemberStateNames[]> {
    const rows = await query<MemberStateNames>(manager, sql`SELECT code, alpha2, names FROM member_states ORDER BY code`);
    return rows.map((row) => ({ ...row, code: row.code.trim(), alpha2: row.alpha2.trim() }));
  }

  /**
   * Inserts the activities (ids made by the caller) in one statement, held, so participants and
   * attendance may be added to them; organised by `organiserId`.
   */
  async insertHeld(activities: Array<ImportedActivity & { id: string }>, organiserId: string, manager: EntityManager): Promise<void> {
    if (!activities.length) return;
    await query(
      manager,
      sql`INSERT INTO activities (id, kind, title, delivery, starts_on, ends_on, venue_member_state, city, member_states, languages,
                                  topics, hours, required_attendance, status, organiser_id)
          SELECT id, kind, title, delivery, "startsOn", "endsOn", "venueMemberState", city, "memberStates", languages,
                 topics, hours, "requiredAttendance", 'held', ${organiserId}::uuid
            FROM jsonb_to_recordset(${JSON.stringify(activities)}::jsonb)
              AS r(id uuid, kind activity_kind, title text, delivery activity_delivery, "startsOn" date, "endsOn" date,
                   "venueMemberState" char(3), city text, "memberStates" char(3)[], languages locale[], topics text[],
                   hours numeric, "requiredAttendance" int)`,
    );
  }

  /** Sets the activities that the workbook says are closed to closed, in one statement. */
  async close(ids: string[], manager: EntityManager): Promise<void> {
    if (!ids.length) return;
    await query(manager, sql`UPDATE activities SET status = 'closed', updated_at = now() WHERE id = ANY(${ids}::uuid[])`);
  }
}

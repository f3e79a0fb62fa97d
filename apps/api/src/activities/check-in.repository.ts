import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { query, rawSql, sql } from '../common/sql.js';
import { manageableCondition } from './activity-access.js';

/** An activity as check-in needs it: what the participant is shown, and whether it is open today. */
export interface CheckInActivityRow {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  city: string | null;
  status: string;
}

const COLUMNS = rawSql(
  `a.id, a.title, to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", a.city, a.status`,
);

/** Key under which a user's wrong check-in codes are counted in verification_misses (pruned with them). */
const missKey = (userId: string) => `check-in:${userId}`;

/** Every statement of self check-in. */
@Injectable()
export class CheckInRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The activity if the user organises it (or is an admin). */
  async forOrganiser(
    user: SessionUser,
    activityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CheckInActivityRow | undefined> {
    const [row] = await query<CheckInActivityRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM activities a WHERE a.id = ${activityId} AND ${manageableCondition(user)}`,
    );
    return row;
  }

  /** The activity a genuine code names, whoever scans it. */
  async byId(activityId: string, manager: EntityManager = this.dataSource.manager): Promise<CheckInActivityRow | undefined> {
    const [row] = await query<CheckInActivityRow>(manager, sql`SELECT ${COLUMNS} FROM activities a WHERE a.id = ${activityId}`);
    return row;
  }

  /** Wrong codes the user tried within the window. */
  async recentMisses(userId: string, windowMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ misses: number }>(
      manager,
      sql`SELECT count(*)::int AS misses FROM verification_misses
           WHERE address = ${missKey(userId)} AND created_at > now() - make_interval(mins => ${windowMinutes})`,
    );
    return row!.misses;
  }

  async recordMiss(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`INSERT INTO verification_misses (address) VALUES (${missKey(userId)})`);
  }
}

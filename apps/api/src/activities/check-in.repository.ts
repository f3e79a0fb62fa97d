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

/**
 * Who sent a wrong code or pass: a signed-in account, or (for passes asked for before signing in)
 * a client address. Counted in verification_misses (pruned with them) under a key of its own, apart
 * from certificate verification's.
 */
export type CheckInMisser = { userId: string } | { address: string };

const missKey = (who: CheckInMisser) => ('userId' in who ? `check-in:${who.userId}` : `check-in-pass:${who.address}`);

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

  /** Wrong codes or passes sent within the window. */
  async recentMisses(who: CheckInMisser, windowMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ misses: number }>(
      manager,
      sql`SELECT count(*)::int AS misses FROM verification_misses
           WHERE address = ${missKey(who)} AND created_at > now() - make_interval(mins => ${windowMinutes})`,
    );
    return row!.misses;
  }

  async recordMiss(who: CheckInMisser, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`INSERT INTO verification_misses (address) VALUES (${missKey(who)})`);
  }
}

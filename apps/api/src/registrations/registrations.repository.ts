import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Locale, UserStatus } from '@ctlp/contracts';
import { query, sql } from '../common/sql.js';
import { UserEntity } from '../users/user.entity.js';

/** Whose registrations a vetter may see: one Member State's (a focal point), or every State's (an admin). */
export type VettingScope = { memberState: string } | 'all';

/** An active focal point whose State has registrations waiting, for the daily digest. */
export interface PendingDigestRow {
  focalPointId: string;
  email: string;
  fullName: string;
  locale: Locale;
  /** The State's name in the focal point's language. */
  stateName: string;
  pending: number;
  oldest: Date;
}

/** Every statement of vetting. The scope is part of each query, so a row outside it is never read. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registrations in this status, oldest first, and how many there are. */
  async list(
    scope: VettingScope,
    filters: { status: UserStatus; limit: number; offset: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: UserEntity[]; total: number }> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.status = :status', { status: filters.status })
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id')
      .take(filters.limit)
      .skip(filters.offset);
    const [rows, total] = await this.scoped(builder, scope).getManyAndCount();
    return { rows, total };
  }

  /** The account within the scope, locked for this transaction. */
  async lock(scope: VettingScope, userId: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | undefined> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :userId', { userId });
    return (await this.scoped(builder, scope).getOne()) ?? undefined;
  }

  /** The accounts among these ids within the scope, locked for this transaction in id order (no deadlock between two bulk approvals). */
  async lockMany(scope: VettingScope, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id IN (:...userIds)', { userIds })
      .orderBy('user.id');
    return this.scoped(builder, scope).getMany();
  }

  /** Whether this account's registration is still decided as it was at `vettedAt` (not undone, not decided again). */
  async decidedAt(userId: string, vettedAt: Date, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ stands: boolean }>(
      manager,
      sql`SELECT status <> 'pending' AND vetted_at = ${vettedAt} AS stands FROM users WHERE id = ${userId}`,
    );
    return row?.stands ?? false;
  }

  /** Whether this account has enrolled in a course since this moment. */
  async enrolledSince(userId: string, since: Date, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ enrolled: boolean }>(
      manager,
      sql`SELECT EXISTS (SELECT 1 FROM enrolments WHERE user_id = ${userId} AND enrolled_at >= ${since}) AS enrolled`,
    );
    return row?.enrolled ?? false;
  }

  async save(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  /**
   * Each active focal point with how many registrations of their State wait and since when; a
   * focal point whose State has none is left out. One read of the vetting-queue index per State.
   */
  async pendingDigests(manager: EntityManager = this.dataSource.manager): Promise<PendingDigestRow[]> {
    return query<PendingDigestRow>(
      manager,
      sql`SELECT fp.id AS "focalPointId", fp.email, fp.full_name AS "fullName", fp.locale,
                 coalesce(ms.names ->> fp.locale::text, ms.names ->> 'en') AS "stateName", q.pending, q.oldest
            FROM users fp
            JOIN member_states ms ON ms.code = fp.member_state
           CROSS JOIN LATERAL (SELECT count(*)::int AS pending, min(a.created_at) AS oldest
                                 FROM users a WHERE a.member_state = fp.member_state AND a.status = 'pending') q
           WHERE fp.status = 'active' AND 'focal_point' = ANY(fp.roles) AND q.pending > 0
           ORDER BY fp.id`,
    );
  }

  private scoped(builder: SelectQueryBuilder<UserEntity>, scope: VettingScope): SelectQueryBuilder<UserEntity> {
    return scope === 'all' ? builder : builder.andWhere('user.memberState = :vetterState', { vetterState: scope.memberState });
  }
}

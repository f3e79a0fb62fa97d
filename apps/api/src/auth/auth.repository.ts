import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { query, rawSql, sql, type Sql } from '../common/sql.js';
import type { RegisterDto } from './dto/register.dto.js';
import { sessionUserColumns } from './session-user.js';

export interface LoginFailureCounts {
  perAccount: number;
  perAddress: number;
  oldestForAccount: Date | null;
  oldestForAddress: Date | null;
}

/** Every statement of signing up and signing in: accounts as sign-in sees them, failed attempts. */
@Injectable()
export class AuthRepository {
  /** The SELECT list of a SessionUser over the alias `u`, from the entity (session-user.ts). */
  readonly sessionUserColumns: Sql;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sessionUserColumns = rawSql(sessionUserColumns(dataSource));
  }

  async memberStateExists(code: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await query<unknown>(manager, sql`SELECT 1 FROM member_states WHERE code = ${code}`);
    return rows.length > 0;
  }

  /** A new official awaiting vetting; throws PostgreSQL's unique violation when the email is taken. */
  async insertApplicant(dto: RegisterDto, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<SessionUser> {
    const [user] = await query<SessionUser>(
      manager,
      sql`WITH u AS (
            INSERT INTO users (email, password_hash, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status)
            VALUES (${dto.email}, ${passwordHash}, ${dto.fullName}, ${dto.memberState}, ${dto.institution}, ${dto.agencyType},
                    ${dto.jobTitle}, ${dto.gender}, ${dto.locale}, '{learner}', 'pending')
            RETURNING *)
          SELECT ${this.sessionUserColumns} FROM u`,
    );
    return user!;
  }

  /** The account with this (normalised) email and its password hash, for checking a sign-in. */
  async findForLogin(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(SessionUser & { passwordHash: string }) | undefined> {
    const [user] = await query<SessionUser & { passwordHash: string }>(
      manager,
      sql`SELECT ${this.sessionUserColumns}, u.password_hash AS "passwordHash" FROM users u WHERE u.email = ${email}`,
    );
    return user;
  }

  /** The user a session points at. */
  async sessionUser(id: string, manager: EntityManager = this.dataSource.manager): Promise<SessionUser | undefined> {
    const [user] = await query<SessionUser>(manager, sql`SELECT ${this.sessionUserColumns} FROM users u WHERE u.id = ${id}`);
    return user;
  }

  async setLocale(id: string, locale: Locale, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`UPDATE users SET locale = ${locale}, updated_at = now() WHERE id = ${id}`);
  }

  /** Failed sign-ins in the last `minutes`, for this account and for this address. */
  async recentFailures(
    account: string,
    address: string,
    minutes: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoginFailureCounts> {
    const [counts] = await query<LoginFailureCounts>(
      manager,
      sql`SELECT count(*) FILTER (WHERE account = ${account})::int AS "perAccount",
                 count(*) FILTER (WHERE address = ${address})::int AS "perAddress",
                 min(created_at) FILTER (WHERE account = ${account}) AS "oldestForAccount",
                 min(created_at) FILTER (WHERE address = ${address}) AS "oldestForAddress"
            FROM login_failures
           WHERE (account = ${account} OR address = ${address}) AND created_at > now() - make_interval(mins => ${minutes})`,
    );
    return counts!;
  }

  async recordFailure(account: string, address: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`INSERT INTO login_failures (account, address) VALUES (${account}, ${address})`);
  }

  async forgetFailures(account: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM login_failures WHERE account = ${account}`);
  }

  async pruneFailures(olderThanMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM login_failures WHERE created_at < now() - make_interval(mins => ${olderThanMinutes})`);
  }
}

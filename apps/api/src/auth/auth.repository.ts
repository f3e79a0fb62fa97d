import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { query, rawSql, sql, type Sql } from '../common/sql.js';
import type { RegisterDto } from './dto/register.dto.js';
import type { LoginFailureStats } from './login-limits.js';
import { sessionUserColumns } from './session-user.js';

/**
 * The advisory-lock class of login attempts (the first key of the two-key form; the second is a
 * hash of the client's network): any constant no other lock in the database uses.
 */
const LOGIN_ATTEMPT_LOCK = 0x4c4f47; // "LOG"

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

  /** Records one registration from `network`; how many came from it, and in all, within their windows (this one included). */
  async recordRegistration(
    network: string,
    windows: { networkWindowMinutes: number; overallWindowMinutes: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ perNetwork: number; overall: number }> {
    const [row] = await query<{ perNetwork: number; overall: number }>(
      manager,
      sql`WITH recorded AS (INSERT INTO registration_requests (address) VALUES (${network}))
          SELECT (SELECT count(*) FROM registration_requests WHERE address = ${network}
                   AND created_at > now() - make_interval(mins => ${windows.networkWindowMinutes}))::int + 1 AS "perNetwork",
                 (SELECT count(*) FROM registration_requests
                   WHERE created_at > now() - make_interval(mins => ${windows.overallWindowMinutes}))::int + 1 AS "overall"`,
    );
    return row!;
  }

  async pruneRegistrations(minutes: number): Promise<void> {
    await query<never>(
      this.dataSource.manager,
      sql`DELETE FROM registration_requests WHERE created_at < now() - make_interval(mins => ${minutes})`,
    );
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

  /** Changes what the user may change about themselves; a field left undefined (or null) stays as it is. */
  async updateProfile(
    id: string,
    changes: { fullName?: string; institution?: string; jobTitle?: string; locale?: Locale },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionUser | undefined> {
    const [user] = await query<SessionUser>(
      manager,
      sql`WITH u AS (
            UPDATE users SET full_name = COALESCE(${changes.fullName ?? null}, full_name),
                             institution = COALESCE(${changes.institution ?? null}, institution),
                             job_title = COALESCE(${changes.jobTitle ?? null}, job_title),
                             locale = COALESCE(${changes.locale ?? null}::locale, locale),
                             updated_at = now()
             WHERE id = ${id}
            RETURNING *)
          SELECT ${this.sessionUserColumns} FROM u`,
    );
    return user;
  }

  async passwordHashOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await query<{ passwordHash: string }>(manager, sql`SELECT password_hash AS "passwordHash" FROM users WHERE id = ${id}`);
    return row?.passwordHash;
  }

  async setPasswordHash(id: string, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE id = ${id}`);
  }

  async emailOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await query<{ email: string }>(manager, sql`SELECT email FROM users WHERE id = ${id}`);
    return row?.email;
  }

  /**
   * Serialises the attempts of one network until the end of the caller's transaction, so attempts
   * racing in parallel cannot all read the counts before any of them is recorded.
   */
  async lockNetwork(network: string, manager: EntityManager): Promise<void> {
    await query<unknown>(manager, sql`SELECT pg_advisory_xact_lock(${LOGIN_ATTEMPT_LOCK}::int, hashtext(${network}))`);
  }

  /**
   * Failures of the pair (account, network) and of the network, each read from one short range of
   * its index, with the database's clock so that every replica agrees.
   */
  async failureStats(
    account: string,
    network: string,
    windows: { pairMinutes: number; addressMinutes: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoginFailureStats> {
    const [stats] = await query<LoginFailureStats>(
      manager,
      sql`SELECT statement_timestamp() AS "now", p.failures AS "pairFailures", p.last AS "pairLast",
                 a.failures AS "addressFailures", a.last AS "addressLast"
            FROM (SELECT count(*)::int AS failures, max(created_at) AS last FROM login_failures
                   WHERE account = ${account} AND address = ${network}
                     AND created_at > statement_timestamp() - make_interval(mins => ${windows.pairMinutes})) p,
                 (SELECT count(*)::int AS failures, max(created_at) AS last FROM login_failures
                   WHERE address = ${network} AND created_at > statement_timestamp() - make_interval(mins => ${windows.addressMinutes})) a`,
    );
    return stats!;
  }

  async recordFailure(account: string, network: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(
      manager,
      sql`INSERT INTO login_failures (account, address, created_at) VALUES (${account}, ${network}, statement_timestamp())`,
    );
  }

  /** The pair's failures, once its password proved right. */
  async forgetPairFailures(account: string, network: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM login_failures WHERE account = ${account} AND address = ${network}`);
  }

  /** Every failure on the account, from any network. */
  async forgetAccountFailures(account: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM login_failures WHERE account = ${account}`);
  }

  async pruneFailures(olderThanMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM login_failures WHERE created_at < now() - make_interval(mins => ${olderThanMinutes})`);
  }
}

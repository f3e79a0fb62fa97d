import type { Locale } from '@ctlp/contracts';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, fieldError, ValidationError } from '../common/app-error.js';
import { MemberStateEntity } from '../member-states/member-state.entity.js';
import { UserEntity } from '../users/user.entity.js';
import type { SessionUser } from './access.decorator.js';
import type { RegisterDto } from './dto/register.dto.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { sessionUserColumns } from './session-user.js';

/** Failed logins allowed per hour, per account and per network address. */
export const LOGIN_LIMITS = { perAccount: 100, perAddress: 500, windowMinutes: 60 } as const;

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pruneTimer?: NodeJS.Timeout;

  private readonly sessionUserColumns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sessionUserColumns = sessionUserColumns(dataSource);
  }

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => void this.pruneLoginFailures().catch(() => undefined), 15 * 60_000);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  async register(dto: RegisterDto): Promise<SessionUser> {
    const state = await this.dataSource.getRepository(MemberStateEntity).existsBy({ code: dto.memberState });
    if (!state) throw ValidationError.field('memberState', 'unknown_member_state');
    const passwordHash = await hashPassword(dto.password);
    try {
      const users = this.dataSource.getRepository(UserEntity);
      const { identifiers } = await users.insert({ ...dto, passwordHash, roles: ['learner'], status: 'pending' });
      return await users.findOneByOrFail({ id: identifiers[0]!.id as string });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('email_taken', { fields: { email: fieldError('email', 'email_taken') } });
      }
      throw error;
    }
  }

  /**
   * Checks a login. Unknown email and wrong password give the same answer in the same time, and
   * failures are counted in the database so the limit holds across API replicas.
   */
  async validateLogin(email: string, password: string, address: string): Promise<SessionUser> {
    const account = email.trim().toLowerCase();
    await this.assertUnderLimit(account, address);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :account', { account })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid) {
      await this.dataSource.getRepository(LoginFailureEntity).insert({ account, address });
      throw new AppError('invalid_credentials');
    }
    if (user.status === 'suspended') {
      throw new AppError('account_suspended');
    }
    await this.dataSource.getRepository(LoginFailureEntity).delete({ account });
    const { passwordHash: _hash, ...sessionUser } = user;
    return sessionUser;
  }

  private async assertUnderLimit(account: string, address: string): Promise<void> {
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE account = $1)::int AS "perAccount",
              count(*) FILTER (WHERE address = $2)::int AS "perAddress",
              min(created_at) FILTER (WHERE account = $1) AS "oldestForAccount",
              min(created_at) FILTER (WHERE address = $2) AS "oldestForAddress"
         FROM login_failures
        WHERE (account = $1 OR address = $2) AND created_at > now() - make_interval(mins => $3)`,
      [account, address, LOGIN_LIMITS.windowMinutes],
    );
    const overAccount = counts.perAccount >= LOGIN_LIMITS.perAccount;
    const overAddress = counts.perAddress >= LOGIN_LIMITS.perAddress;
    if (!overAccount && !overAddress) return;
    const oldest: Date = overAccount ? counts.oldestForAccount : counts.oldestForAddress;
    const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 - Date.now()) / 1000));
    throw new AppError('login_rate_limited', {
      params: { minutes: Math.ceil(retryAfter / 60) },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }

  async updateProfile(id: string, changes: { locale?: Locale }): Promise<SessionUser> {
    if (changes.locale) await this.dataSource.getRepository(UserEntity).update(id, { locale: changes.locale });
    return (await this.sessionUser(id))!;
  }

  /** The user a session points at, re-read on every request so suspension takes effect at once. */
  async sessionUser(id: string): Promise<SessionUser | null> {
    const [user]: SessionUser[] = await this.dataSource.query(`SELECT ${this.sessionUserColumns} FROM users u WHERE u.id = $1`, [id]);
    return user && user.status !== 'suspended' ? user : null;
  }

  /** Old failure rows are useless after the window; trimmed so the table stays small. */
  async pruneLoginFailures(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE created_at < now() - make_interval(mins => $1)`, [
      LOGIN_LIMITS.windowMinutes,
    ]);
  }
}

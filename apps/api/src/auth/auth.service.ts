import type { Locale } from '@ctlp/contracts';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, fieldError, ValidationError } from '../common/app-error.js';
import { AuthRepository } from './auth.repository.js';
import type { RegisterDto } from './dto/register.dto.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';

/** Failed logins allowed per hour, per account and per network address. */
export const LOGIN_LIMITS = { perAccount: 100, perAddress: 500, windowMinutes: 60 } as const;

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pruneTimer?: NodeJS.Timeout;

  constructor(private readonly accounts: AuthRepository) {}

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => void this.pruneLoginFailures().catch(() => undefined), 15 * 60_000);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  async register(dto: RegisterDto): Promise<SessionUser> {
    if (!(await this.accounts.memberStateExists(dto.memberState))) throw ValidationError.field('memberState', 'unknown_member_state');
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.accounts.insertApplicant(dto, passwordHash);
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
    const user = await this.accounts.findForLogin(account);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid) {
      await this.accounts.recordFailure(account, address);
      throw new AppError('invalid_credentials');
    }
    if (user.status === 'suspended') {
      throw new AppError('account_suspended');
    }
    await this.accounts.forgetFailures(account);
    const { passwordHash: _hash, ...sessionUser } = user;
    return sessionUser;
  }

  private async assertUnderLimit(account: string, address: string): Promise<void> {
    const counts = await this.accounts.recentFailures(account, address, LOGIN_LIMITS.windowMinutes);
    const overAccount = counts.perAccount >= LOGIN_LIMITS.perAccount;
    const overAddress = counts.perAddress >= LOGIN_LIMITS.perAddress;
    if (!overAccount && !overAddress) return;
    const oldest = (overAccount ? counts.oldestForAccount : counts.oldestForAddress)!;
    const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 - Date.now()) / 1000));
    throw new AppError('login_rate_limited', {
      params: { minutes: Math.ceil(retryAfter / 60) },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }

  async updateProfile(id: string, changes: { locale?: Locale }): Promise<SessionUser> {
    if (changes.locale) await this.accounts.setLocale(id, changes.locale);
    return (await this.sessionUser(id))!;
  }

  /** The user a session points at, re-read on every request so suspension takes effect at once. */
  async sessionUser(id: string): Promise<SessionUser | null> {
    const user = await this.accounts.sessionUser(id);
    return user && user.status !== 'suspended' ? user : null;
  }

  /** Old failure rows are useless after the window; trimmed so the table stays small. */
  async pruneLoginFailures(): Promise<void> {
    await this.accounts.pruneFailures(LOGIN_LIMITS.windowMinutes);
  }
}

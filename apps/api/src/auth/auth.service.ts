import type { FieldError, Locale } from '@ctlp/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { JobsService } from '../jobs/jobs.service.js';
import { AccountLinksService } from './account-links.service.js';
import { AuthRepository } from './auth.repository.js';
import type { ChangePasswordDto } from './dto/change-password.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import { normaliseEmail } from '../common/emails.js';
import { clientNetwork, LOGIN_FAILURES_KEPT_MINUTES, LOGIN_LIMITS, loginWaitSeconds, type LoginFailureStats } from './login-limits.js';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { SessionsRepository, type DeviceSessionRow } from './sessions.repository.js';

const UNIQUE_VIOLATION = '23505';

/**
 * How many registrations are taken: each costs an argon2 hash, a row and a mail. An office behind
 * one NAT registering a class of trainees stays under perNetwork an hour; the overall ceiling caps
 * a flood spread over many networks (a normal day brings a few dozen registrations).
 */
export const REGISTRATION_LIMITS = {
  networkWindowMinutes: 60,
  perNetwork: 20,
  overallWindowMinutes: 10,
  overall: 100,
} as const;

const FAILURE_WINDOWS = { pairMinutes: LOGIN_LIMITS.pairWindowMinutes, addressMinutes: LOGIN_LIMITS.addressWindowMinutes };

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly accounts: AuthRepository,
    private readonly sessions: SessionsRepository,
    private readonly links: AccountLinksService,
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // Failures older than the longest window count for nothing: removed every 15 minutes, on one replica.
    this.jobs.register({ name: 'prune-login-failures', schedule: '*/15 * * * *', retryLimit: 1, handle: () => this.pruneLoginFailures() });
  }

  /**
   * A registration from the client address `ip`: a new official, pending vetting, with the mail
   * that confirms their address queued with the row. An address that already has an account gets
   * the same answer, after the same work (a password hash, one insert tried, a job queued): its
   * owner is mailed instead and nothing is created, so the answer does not say who is registered.
   */
  async register(dto: RegisterDto, ip: string): Promise<void> {
    await this.limitRegistrations(clientNetwork(ip));
    if (!(await this.accounts.memberStateExists(dto.memberState))) throw ValidationError.field('memberState', 'unknown_member_state');
    const passwordHash = await hashPassword(dto.password);
    try {
      await this.dataSource.transaction(async (manager) => {
        const user = await this.accounts.insertApplicant(dto, passwordHash, manager);
        await this.links.queueConfirmation(user.id, manager);
      });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await this.links.queueRegistrationAttempt(dto.email);
    }
  }

  /** Counts this registration; 429 with Retry-After past the network's limit or the platform's ceiling. */
  private async limitRegistrations(network: string): Promise<void> {
    const counts = await this.accounts.recordRegistration(network, REGISTRATION_LIMITS);
    if (counts.perNetwork > REGISTRATION_LIMITS.perNetwork) {
      throw new AppError('rate_limited', { headers: { 'Retry-After': String(REGISTRATION_LIMITS.networkWindowMinutes * 60) } });
    }
    if (counts.overall > REGISTRATION_LIMITS.overall) {
      throw new AppError('rate_limited', { headers: { 'Retry-After': String(REGISTRATION_LIMITS.overallWindowMinutes * 60) } });
    }
  }

  /**
   * Checks a sign-in from the client address `ip`. Known and unknown emails take the same path —
   * the same limits on the typed email, the same statements, a password hash verified either way —
   * so the answer and its timing do not tell whether an account exists (login-limits.ts).
   */
  async validateLogin(email: string, password: string, ip: string): Promise<SessionUser> {
    const account = normaliseEmail(email);
    const network = clientNetwork(ip);
    await this.beginAttempt(account, network);
    const user = await this.accounts.findForLogin(account);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    // A wrong password leaves the failure beginAttempt recorded.
    if (!user || !valid) throw new AppError('invalid_credentials');
    await this.accounts.forgetPairFailures(account, network);
    if (user.status === 'suspended') throw new AppError('account_suspended');
    const { passwordHash: _hash, ...sessionUser } = user;
    return sessionUser;
  }

  /**
   * Admits one attempt of the pair (account, network), or answers 429 with how long to wait. The
   * admitted attempt is recorded as a failure at once and forgotten when its password proves
   * right, so parallel attempts see each other: under the network's lock, each one counts those
   * before it. A pair or network already waiting is answered from one read, without the lock, so
   * a flood of refused attempts holds no connection waiting on it.
   */
  private async beginAttempt(account: string, network: string): Promise<void> {
    this.refuseWhileWaiting(await this.accounts.failureStats(account, network, FAILURE_WINDOWS));
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.lockNetwork(network, manager);
      this.refuseWhileWaiting(await this.accounts.failureStats(account, network, FAILURE_WINDOWS, manager));
      await this.accounts.recordFailure(account, network, manager);
    });
  }

  private refuseWhileWaiting(stats: LoginFailureStats): void {
    const seconds = loginWaitSeconds(stats);
    if (seconds === 0) return;
    throw new AppError('login_rate_limited', {
      params: { minutes: Math.ceil(seconds / 60), seconds },
      headers: { 'Retry-After': String(seconds) },
    });
  }

  /**
   * Admits one attempt at a second-step code (TOTP or recovery code) for `email` from `ip`, under
   * the same limits as a sign-in (429 while waiting), counted apart from password failures (as
   * `mfa:<email>`): a right password must not wipe out the wrong codes guessed after it. Returns
   * what to call when the code proves right.
   */
  async beginCodeAttempt(email: string, ip: string): Promise<{ succeeded: () => Promise<void> }> {
    const account = `mfa:${normaliseEmail(email)}`;
    const network = clientNetwork(ip);
    await this.beginAttempt(account, network);
    return { succeeded: () => this.accounts.forgetPairFailures(account, network) };
  }

  /** Whether `password` is the user's, checked and limited like a sign-in from `ip`. */
  async checkPassword(user: SessionUser, password: string, ip: string): Promise<boolean> {
    const account = normaliseEmail(user.email);
    const network = clientNetwork(ip);
    await this.beginAttempt(account, network);
    const currentHash = await this.accounts.passwordHashOf(user.id);
    const valid = currentHash !== undefined && (await verifyPassword(currentHash, password));
    if (valid) await this.accounts.forgetPairFailures(account, network);
    return valid;
  }

  /**
   * Lifts every login pause and slow-down on an account, from every network: the hook for the
   * password reset (DESIGN.md: "a password reset always works"). Takes the user's id or email.
   */
  async liftLoginPauses(userIdOrEmail: string): Promise<void> {
    const email = userIdOrEmail.includes('@') ? userIdOrEmail : await this.accounts.emailOf(userIdOrEmail);
    if (email) await this.accounts.forgetAccountFailures(normaliseEmail(email));
  }

  async updateProfile(
    id: string,
    changes: { fullName?: string; institution?: string; jobTitle?: string; locale?: Locale },
  ): Promise<SessionUser> {
    const user = await this.accounts.updateProfile(id, changes);
    if (!user) throw new NotFoundError('user');
    return user;
  }

  /**
   * Changes the signed-in user's password and ends their other sessions; `sessionId` (the one this
   * request came with) stays signed in. The current password is checked like a sign-in from `ip`:
   * limited, and counted when wrong.
   */
  async changePassword(user: SessionUser, dto: ChangePasswordDto, ip: string, sessionId: string | undefined): Promise<void> {
    const account = normaliseEmail(user.email);
    const network = clientNetwork(ip);
    await this.beginAttempt(account, network);
    const currentHash = await this.accounts.passwordHashOf(user.id);
    const valid = currentHash !== undefined && (await verifyPassword(currentHash, dto.currentPassword));
    if (valid) await this.accounts.forgetPairFailures(account, network);
    const fields: Record<string, FieldError> = {};
    if (!valid) fields.currentPassword = fieldError('currentPassword', 'wrong_password');
    const problem = await passwordProblem(dto.newPassword, user);
    if (problem) fields.newPassword = fieldError('newPassword', problem.code, problem.params);
    if (Object.keys(fields).length) throw new ValidationError(fields);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.setPasswordHash(user.id, passwordHash, manager);
      await this.sessions.endAllSessionsOf(user.id, sessionId, manager);
    });
  }

  /** The user's signed-in devices; `current` marks the session `sessionId`. */
  listSessions(userId: string, sessionId: string | undefined): Promise<{ items: DeviceSessionRow[]; total: number }> {
    return this.sessions.listOf(userId, sessionId);
  }

  /** Ends one of the user's sessions by its public id; says whether it was `sessionId` itself. 404 when it is not theirs. */
  async endSession(userId: string, publicId: string, sessionId: string | undefined): Promise<{ current: boolean }> {
    const ended = await this.sessions.endSessionOf(userId, publicId);
    if (ended === undefined) throw new NotFoundError('session');
    return { current: ended === sessionId };
  }

  async endOtherSessions(userId: string, sessionId: string | undefined): Promise<void> {
    await this.sessions.endAllSessionsOf(userId, sessionId);
  }

  /** The user a session points at, re-read on every request so suspension takes effect at once. */
  async sessionUser(id: string): Promise<SessionUser | null> {
    const user = await this.accounts.sessionUser(id);
    return user && user.status !== 'suspended' && !user.erasedAt ? user : null;
  }

  /**
   * Failure rows older than every window count for nothing; trimmed so the table stays small.
   * Public so that a scheduled job can run it instead of this process's timer.
   */
  async pruneLoginFailures(): Promise<void> {
    await this.accounts.pruneFailures(LOGIN_FAILURES_KEPT_MINUTES);
    await this.accounts.pruneRegistrations(Math.max(REGISTRATION_LIMITS.networkWindowMinutes, REGISTRATION_LIMITS.overallWindowMinutes));
  }
}

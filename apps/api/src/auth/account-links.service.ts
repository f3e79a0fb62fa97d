import { createHash, randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserStatus } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppError, ValidationError } from '../common/app-error.js';
import { JobsService } from '../jobs/jobs.service.js';
import { MailService } from '../mail/mail.service.js';
import { AccountLinksRepository } from './account-links.repository.js';
import { AuthRepository } from './auth.repository.js';
import { normaliseEmail } from '../common/emails.js';
import { clientNetwork } from './login-limits.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { SessionsRepository } from './sessions.repository.js';

/**
 * How long links live and how often a reset may be asked for. A reset link lives an hour (it opens
 * the account); a confirmation link two days (it only proves the address). Reset requests are
 * counted per network and per account for any email typed: past the account's budget nothing is
 * sent (the answer stays the same), past the network's the network is told to wait.
 */
export const ACCOUNT_LINKS = {
  confirmHours: 48,
  resetMinutes: 60,
  requestWindowMinutes: 60,
  resetsPerAccount: 3,
  resetsPerNetwork: 20,
} as const;

const CONFIRMATION_JOB = 'send-email-confirmation';
const RESET_JOB = 'send-password-reset';
const REGISTRATION_ATTEMPT_JOB = 'send-registration-attempt';
/** The owner of an address hears of registrations with it at most once an hour: no mail bomb. */
const REGISTRATION_ATTEMPT_THROTTLE_SECONDS = 3600;

/** A new link: the random token for the mail, and its SHA-256 for the database. */
function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The links mailed to officials: confirming the email address after registering, and setting a
 * new password when it is forgotten. The links are made by the job that mails them, so the only
 * copy of a token is in the message: the database and the job queue hold its hash at most.
 */
@Injectable()
export class AccountLinksService implements OnModuleInit {
  constructor(
    private readonly links: AccountLinksRepository,
    private readonly accounts: AuthRepository,
    private readonly sessions: SessionsRepository,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ userId: string }>({ name: CONFIRMATION_JOB, handle: ({ userId }) => this.mailConfirmation(userId) });
    this.jobs.register<{ email: string }>({ name: RESET_JOB, handle: ({ email }) => this.mailReset(email) });
    this.jobs.register<{ email: string; at: string }>({
      name: REGISTRATION_ATTEMPT_JOB,
      handle: ({ email, at }) => this.mailRegistrationAttempt(email, at),
    });
    this.jobs.register({
      name: 'prune-account-links',
      schedule: '41 3 * * *',
      retryLimit: 1,
      handle: () => this.links.prune(ACCOUNT_LINKS.requestWindowMinutes),
    });
  }

  /** Queues the confirmation mail of a new registration, in its transaction. */
  queueConfirmation(userId: string, manager?: EntityManager): Promise<void> {
    return this.jobs.send(CONFIRMATION_JOB, { userId }, { manager, singletonKey: `confirm:${userId}` });
  }

  /**
   * Someone registered with `email`, which already has an account: its owner is told (sign in, or
   * reset the password) instead of the registration answering that the address is taken.
   */
  queueRegistrationAttempt(email: string): Promise<void> {
    return this.jobs.send(
      REGISTRATION_ATTEMPT_JOB,
      { email, at: new Date().toISOString() },
      { singletonKey: `registration-attempt:${email}`, throttleSeconds: REGISTRATION_ATTEMPT_THROTTLE_SECONDS },
    );
  }

  private async mailRegistrationAttempt(email: string, at: string): Promise<void> {
    const user = await this.links.recipientByEmail(email);
    if (!user) return;
    await this.mail.deliver({
      key: `registration_attempt:${user.id}:${at}`,
      message: 'registration_attempt',
      to: user.email,
      locale: user.locale,
      params: { name: user.fullName, url: this.mail.link('login') },
    });
  }

  /** Another confirmation mail, at most one every five minutes. */
  resendConfirmation(userId: string): Promise<void> {
    return this.jobs.send(CONFIRMATION_JOB, { userId }, { singletonKey: `confirm-again:${userId}`, throttleSeconds: 300 });
  }

  private async mailConfirmation(userId: string): Promise<void> {
    const user = await this.links.recipientById(userId);
    if (!user || user.emailConfirmedAt) return;
    const { token, hash } = newToken();
    const id = await this.links.createToken(user.id, 'confirm_email', hash, ACCOUNT_LINKS.confirmHours * 60);
    await this.mail.deliver({
      key: `confirm_email:${id}`,
      message: 'confirm_email',
      to: user.email,
      locale: user.locale,
      params: { name: user.fullName, url: this.mail.link('confirm-email', { token }), hours: ACCOUNT_LINKS.confirmHours },
    });
  }

  /** Marks the address confirmed; the link is used up. */
  async confirmEmail(token: string): Promise<{ status: UserStatus }> {
    return this.dataSource.transaction(async (manager) => {
      const live = await this.links.lockLiveToken(hashToken(token), 'confirm_email', manager);
      if (!live) throw new AppError('link_invalid');
      await this.links.useTokens(live.userId, 'confirm_email', manager);
      await this.links.confirmEmail(live.userId, manager);
      const user = await this.links.recipientById(live.userId, manager);
      return { status: user!.status };
    });
  }

  /**
   * A reset asked for `email` from `ip`. The same statements run whether or not an account has this
   * email — count, record, enqueue — and the job looks the account up, so neither the answer nor
   * its timing says whether one exists.
   */
  async requestReset(email: string, ip: string): Promise<void> {
    const account = normaliseEmail(email);
    const counts = await this.links.recordResetRequest(account, clientNetwork(ip), ACCOUNT_LINKS.requestWindowMinutes);
    if (counts.perNetwork > ACCOUNT_LINKS.resetsPerNetwork) {
      throw new AppError('rate_limited', { headers: { 'Retry-After': String(ACCOUNT_LINKS.requestWindowMinutes * 60) } });
    }
    if (counts.perAccount > ACCOUNT_LINKS.resetsPerAccount) return;
    await this.jobs.send(RESET_JOB, { email: account }, { singletonKey: `reset:${account}` });
  }

  private async mailReset(email: string): Promise<void> {
    const user = await this.links.recipientByEmail(email);
    // A suspended account is not reopened by mail; an unknown email gets nothing.
    if (!user || user.status === 'suspended') return;
    const { token, hash } = newToken();
    const id = await this.links.createToken(user.id, 'password_reset', hash, ACCOUNT_LINKS.resetMinutes);
    await this.mail.deliver({
      key: `password_reset:${id}`,
      message: 'password_reset',
      to: user.email,
      locale: user.locale,
      params: { name: user.fullName, url: this.mail.link('reset-password', { token }), minutes: ACCOUNT_LINKS.resetMinutes },
    });
  }

  /**
   * Sets a new password from a reset link: the link and the other reset links are used up, every
   * session of the account ends, any sign-in pause on it is lifted, and the address counts as
   * confirmed (the link reached it).
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const hash = hashToken(token);
    const target = await this.dataSource.transaction((manager) => this.links.lockLiveToken(hash, 'password_reset', manager));
    if (!target) throw new AppError('link_invalid');
    const user = await this.links.recipientById(target.userId);
    if (!user) throw new AppError('link_invalid');
    const problem = await passwordProblem(password, user);
    if (problem) throw ValidationError.field('password', problem.code, problem.params);
    // Hashed before the transaction: argon2 takes tens of milliseconds, the row locks should not.
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const live = await this.links.lockLiveToken(hash, 'password_reset', manager);
      if (!live) throw new AppError('link_invalid');
      await this.accounts.setPasswordHash(live.userId, passwordHash, manager);
      await this.links.useTokens(live.userId, 'password_reset', manager);
      await this.links.confirmEmail(live.userId, manager);
      await this.sessions.endAllSessionsOf(live.userId, undefined, manager);
      await this.audit.record(manager, {
        actorId: live.userId,
        action: 'user.password_reset',
        subjectType: 'user',
        subjectId: live.userId,
      });
    });
    await this.accounts.forgetAccountFailures(normaliseEmail(user.email));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../../access/access.decorator.js';
import { AuditService } from '../../audit/audit.service.js';
import { AppError, ValidationError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService } from '../auth.service.js';
import {
  asTotpCode,
  decryptSecret,
  encryptSecret,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUrl,
  recoveryCodeHash,
  totpKey,
  totpStep,
} from './mfa-crypto.js';
import { MfaRepository } from './mfa.repository.js';

export interface MfaStatus {
  enabled: boolean;
  /** The user holds a role in MFA_REQUIRED_ROLES: they must have it on, and may not turn it off. */
  required: boolean;
}

const wrongCode = () => ValidationError.field('code', 'wrong_code');

/**
 * Two-step sign-in with TOTP (RFC 6238) and single-use recovery codes. Every code checked counts
 * against the sign-in limits (AuthService.beginCodeAttempt); a TOTP code is accepted once, for
 * one time step (MfaRepository.claimStep).
 */
@Injectable()
export class MfaService {
  private readonly key: Buffer;

  constructor(
    private readonly mfa: MfaRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = totpKey(config.sessionSecret);
  }

  status(user: SessionUser): MfaStatus {
    return { enabled: user.mfaEnabledAt !== null, required: this.required(user) };
  }

  private required(user: SessionUser): boolean {
    return user.roles.some((role) => this.config.mfaRequiredRoles.includes(role));
  }

  /** Starts (or restarts) an enrolment: a new secret, shown once, that a code must confirm. */
  async startEnrolment(user: SessionUser): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (manager) => {
      const state = await this.mfa.lockState(user.id, manager);
      if (state?.enabled) throw new AppError('mfa_already_enabled');
      await this.mfa.savePending(user.id, encryptSecret(this.key, secret), manager);
    });
    return { secret, otpauthUrl: otpauthUrl(secret, `CTLP (${new URL(this.config.publicUrl).host})`, user.email) };
  }

  /** Confirms the pending enrolment with a code from the app: MFA is on, and here are the recovery codes. */
  async confirmEnrolment(user: SessionUser, code: string, ip: string): Promise<string[]> {
    const attempt = await this.auth.beginCodeAttempt(user.email, ip);
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      const state = await this.mfa.lockState(user.id, manager);
      if (state?.enabled) throw new AppError('mfa_already_enabled');
      const secret = state?.secretEncrypted ? decryptSecret(this.key, state.secretEncrypted) : null;
      if (!secret) throw new AppError('mfa_not_enabled');
      const totp = asTotpCode(code);
      const step = totp ? totpStep(secret, totp) : null;
      if (step === null || !(await this.mfa.claimStep(user.id, step, manager))) throw wrongCode();
      await this.mfa.setEnabled(user.id, true, manager);
      await this.mfa.replaceRecoveryCodes(user.id, codes.map(recoveryCodeHash), manager);
      await this.audit.record(manager, { actorId: user.id, action: 'mfa.enabled', subjectType: 'user', subjectId: user.id });
    });
    await attempt.succeeded();
    return codes;
  }

  /**
   * The second step of a sign-in: a TOTP code, or an unused recovery code (used up by this). The
   * user comes back to be signed in; a wrong or replayed code answers 400 `fields.code`.
   */
  async verifySignIn(userId: string, code: string, ip: string): Promise<SessionUser> {
    const user = await this.auth.sessionUser(userId);
    if (!user || !user.mfaEnabledAt) throw new AppError('sign_in_required');
    const attempt = await this.auth.beginCodeAttempt(user.email, ip);
    if (!(await this.codeAccepted(user, code, { recoveryCodes: true }))) throw wrongCode();
    await attempt.succeeded();
    return user;
  }

  /** New recovery codes (the old ones stop working), given a current TOTP code. */
  async regenerateRecoveryCodes(user: SessionUser, code: string, ip: string): Promise<string[]> {
    if (!user.mfaEnabledAt) throw new AppError('mfa_not_enabled');
    const attempt = await this.auth.beginCodeAttempt(user.email, ip);
    if (!(await this.codeAccepted(user, code, { recoveryCodes: false }))) throw wrongCode();
    await attempt.succeeded();
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await this.mfa.replaceRecoveryCodes(user.id, codes.map(recoveryCodeHash), manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'mfa.recovery_codes_regenerated',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
    return codes;
  }

  /**
   * Turns MFA off, for a user whose roles do not require it, given their password or a current
   * code (TOTP or recovery code).
   */
  async disable(user: SessionUser, proof: { password?: string; code?: string }, ip: string): Promise<void> {
    if (!user.mfaEnabledAt) throw new AppError('mfa_not_enabled');
    if (this.required(user)) throw new AppError('mfa_required');
    if (proof.code !== undefined) {
      const attempt = await this.auth.beginCodeAttempt(user.email, ip);
      if (!(await this.codeAccepted(user, proof.code, { recoveryCodes: true }))) throw wrongCode();
      await attempt.succeeded();
    } else if (proof.password !== undefined) {
      if (!(await this.auth.checkPassword(user, proof.password, ip))) throw ValidationError.field('password', 'wrong_password');
    } else {
      throw ValidationError.field('password', 'required');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.mfa.setEnabled(user.id, false, manager);
      await this.mfa.remove(user.id, manager);
      await this.audit.record(manager, { actorId: user.id, action: 'mfa.disabled', subjectType: 'user', subjectId: user.id });
    });
  }

  /** Whether `code` is a current, unused TOTP code of the user, or (when allowed) one of their unused recovery codes — which it uses up. */
  private async codeAccepted(user: SessionUser, code: string, options: { recoveryCodes: boolean }): Promise<boolean> {
    const totp = asTotpCode(code);
    if (totp) {
      const stored = await this.mfa.secretOf(user.id);
      const secret = stored ? decryptSecret(this.key, stored) : null;
      const step = secret ? totpStep(secret, totp) : null;
      return step !== null && (await this.mfa.claimStep(user.id, step));
    }
    if (!options.recoveryCodes) return false;
    return this.dataSource.transaction(async (manager) => {
      const left = await this.mfa.useRecoveryCode(user.id, recoveryCodeHash(code), manager);
      if (left === null) return false;
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'mfa.recovery_code_used',
        subjectType: 'user',
        subjectId: user.id,
        data: { left },
      });
      return true;
    });
  }
}

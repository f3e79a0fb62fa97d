import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService, type MailRequest } from '../mail/mail.service.js';
import type { UserEntity } from '../users/user.entity.js';
import type { RegistrationQueryDto } from './dto/registration.dto.js';
import { RegistrationsRepository, type VettingScope } from './registrations.repository.js';

type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

/** The mail check that keeps an undone decision from being announced. */
const DECISION_STANDS = 'registration_decision_stands';

/**
 * The vetting queue. A focal point sees and decides registrations of their own Member State
 * only; the scope is part of every query, so a row of another state is never even read.
 */
@Injectable()
export class RegistrationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // The decision mail waits out the undo window; it goes only if that very decision still stands.
    this.mail.registerCheck(DECISION_STANDS, (userId, vettedAt) => this.registrations.decidedAt(userId, new Date(vettedAt)));
  }

  async list(vetter: SessionUser, query: RegistrationQueryDto): Promise<{ items: UserEntity[]; total: number }> {
    const { rows, total } = await this.registrations.list(scopeOf(vetter), query);
    return { items: rows, total };
  }

  async decide(vetter: SessionUser, userId: string, decision: Decision): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.registrations.lock(scopeOf(vetter), userId, manager);
      if (!user) throw new NotFoundError('registration');
      return this.apply(vetter, user, decision, manager);
    });
  }

  /**
   * Approves every one of these registrations, or none: one outside the caller's scope (or no
   * such account) is a 404, one already decided a 409, and nothing is written either way.
   */
  async approveMany(vetter: SessionUser, userIds: string[]): Promise<UserEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const users = await this.registrations.lockMany(scopeOf(vetter), userIds, manager);
      if (users.length !== userIds.length) throw new NotFoundError('registration');
      const approved: UserEntity[] = [];
      for (const user of users) approved.push(await this.apply(vetter, user, { kind: 'approve' }, manager));
      // In the order asked, as the caller listed them.
      return userIds.map((id) => approved.find((user) => user.id === id)!);
    });
  }

  /**
   * Takes back decisions made moments ago (the toast's Undo): each registration waits again, as if
   * never decided, and its applicant hears nothing. All or none: one outside the caller's scope is
   * a 404, one still waiting a 409, one decided longer ago than the undo window (or whose applicant
   * has enrolled since) a 409 `undo_too_late`.
   */
  async undo(vetter: SessionUser, userIds: string[]): Promise<UserEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const users = await this.registrations.lockMany(scopeOf(vetter), userIds, manager);
      if (users.length !== userIds.length) throw new NotFoundError('registration');
      const windowStart = Date.now() - this.config.vettingUndoSeconds * 1000;
      for (const user of users) {
        if (user.status === 'pending' || !user.vettedAt) throw new AppError('registration_not_decided');
        if (user.vettedAt.getTime() < windowStart || (await this.registrations.enrolledSince(user.id, user.vettedAt, manager))) {
          throw new AppError('undo_too_late', { params: { seconds: this.config.vettingUndoSeconds } });
        }
      }
      for (const user of users) {
        await this.audit.record(manager, {
          actorId: vetter.id,
          action: 'registration.decision_undone',
          subjectType: 'user',
          subjectId: user.id,
          data: { memberState: user.memberState, undone: user.status },
        });
        user.status = 'pending';
        user.vettedBy = null;
        user.vettedAt = null;
        user.rejectionReason = null;
        await this.registrations.save(user, manager);
      }
      return userIds.map((id) => users.find((user) => user.id === id)!);
    });
  }

  /** One decision on a locked registration, with its audit event and the applicant's mail, in the caller's transaction. */
  private async apply(vetter: SessionUser, user: UserEntity, decision: Decision, manager: EntityManager): Promise<UserEntity> {
    if (user.status !== 'pending') {
      throw new AppError('registration_already_decided', { params: { status: user.status } });
    }
    user.status = decision.kind === 'approve' ? 'active' : 'rejected';
    user.vettedBy = vetter.id;
    const vettedAt = new Date();
    user.vettedAt = vettedAt;
    user.rejectionReason = decision.kind === 'reject' ? decision.reason : null;
    await this.audit.record(manager, {
      actorId: vetter.id,
      action: decision.kind === 'approve' ? 'registration.approved' : 'registration.rejected',
      subjectType: 'user',
      subjectId: user.id,
      data: { memberState: user.memberState, ...(decision.kind === 'reject' ? { reason: decision.reason } : {}) },
    });
    const saved = await this.registrations.save(user, manager);
    // In the decision's transaction: a decision that rolls back tells the applicant nothing.
    const content: Pick<MailRequest, 'message' | 'params'> =
      decision.kind === 'approve'
        ? { message: 'registration_approved', params: { name: user.fullName, url: this.mail.link('courses') } }
        : { message: 'registration_rejected', params: { name: user.fullName, reason: decision.reason, url: this.mail.link('register') } };
    await this.mail.queue(
      {
        key: `registration_decision:${user.id}:${vettedAt.toISOString()}`,
        to: user.email,
        locale: user.locale,
        ...content,
        stillTrue: { check: DECISION_STANDS, subjectId: user.id, version: vettedAt.toISOString() },
      },
      manager,
      this.config.vettingUndoSeconds,
    );
    return saved;
  }
}

/** An admin vets every State's registrations, a focal point their own State's. */
function scopeOf(vetter: SessionUser): VettingScope {
  return vetter.roles.includes('admin') ? 'all' : { memberState: vetter.memberState };
}

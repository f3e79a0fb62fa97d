import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { UserEntity } from '../users/user.entity.js';
import type { RegistrationQueryDto } from './dto/registration.dto.js';

type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

/**
 * The vetting queue. A focal point sees and decides registrations of their own Member State
 * only; the scope is part of every query, so a row of another state is never even read.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private scoped(builder: SelectQueryBuilder<UserEntity>, vetter: SessionUser): SelectQueryBuilder<UserEntity> {
    if (vetter.roles.includes('admin')) return builder;
    return builder.andWhere(new Brackets((where) => where.where('user.memberState = :vetterState', { vetterState: vetter.memberState })));
  }

  async list(vetter: SessionUser, query: RegistrationQueryDto): Promise<{ items: UserEntity[]; total: number }> {
    const builder = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.status = :status', { status: query.status })
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id')
      .take(query.limit)
      .skip(query.offset);
    const [items, total] = await this.scoped(builder, vetter).getManyAndCount();
    return { items, total };
  }

  async decide(vetter: SessionUser, userId: string, decision: Decision): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const builder = manager
        .getRepository(UserEntity)
        .createQueryBuilder('user')
        .setLock('pessimistic_write')
        .where('user.id = :userId', { userId });
      const user = await this.scoped(builder, vetter).getOne();
      if (!user) throw new NotFoundError('registration');
      if (user.status !== 'pending') {
        throw new AppError('registration_already_decided', { params: { status: user.status } });
      }
      user.status = decision.kind === 'approve' ? 'active' : 'rejected';
      user.vettedBy = vetter.id;
      user.vettedAt = new Date();
      user.rejectionReason = decision.kind === 'reject' ? decision.reason : null;
      await this.audit.record(manager, {
        actorId: vetter.id,
        action: decision.kind === 'approve' ? 'registration.approved' : 'registration.rejected',
        subjectType: 'user',
        subjectId: user.id,
        data: { memberState: user.memberState, ...(decision.kind === 'reject' ? { reason: decision.reason } : {}) },
      });
      return manager.getRepository(UserEntity).save(user);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import type { UserQueryDto } from './dto/user-query.dto.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserQueryDto): Promise<{ items: UserEntity[]; total: number }> {
    const { rows, total } = await this.users.list(query);
    return { items: rows, total };
  }

  /** Role and status changes, each an audit event in the same transaction. */
  async update(actor: SessionUser, id: string, dto: UpdateUserDto): Promise<UserEntity> {
    if (dto.roles === undefined && dto.status === undefined) {
      throw new ValidationError({
        roles: fieldError('roles', 'roles_or_status_required'),
        status: fieldError('status', 'roles_or_status_required'),
      });
    }
    if (id === actor.id && (dto.status === 'suspended' || (dto.roles && !dto.roles.includes('admin')))) {
      throw new AppError('self_lockout');
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lock(id, manager);
      if (!user) throw new NotFoundError('user');
      // Its placeholders and missing password would make a reactivated account nobody's.
      if (user.erasedAt) throw new AppError('account_erased');
      if (dto.status && dto.status !== user.status) {
        if (user.status === 'pending' || user.status === 'rejected') {
          throw new AppError('registration_not_vetted', {
            fields: { status: fieldError('status', 'decided_through_vetting', { status: user.status }) },
          });
        }
        await this.audit.record(manager, {
          actorId: actor.id,
          action: dto.status === 'suspended' ? 'user.suspended' : 'user.reactivated',
          subjectType: 'user',
          subjectId: id,
          data: { from: user.status, to: dto.status },
        });
        user.status = dto.status;
        if (dto.status === 'suspended') {
          // Suspension ends every open session of that user at once.
          await this.users.endSessions(id, manager);
        }
      }
      if (dto.roles) {
        const roles = [...dto.roles].sort();
        if (roles.join() !== [...user.roles].sort().join()) {
          await this.audit.record(manager, {
            actorId: actor.id,
            action: 'user.roles_changed',
            subjectType: 'user',
            subjectId: id,
            data: { from: user.roles, to: roles },
          });
          user.roles = roles;
        }
      }
      return this.users.save(user, manager);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { UserStatus } from '@ctlp/contracts';
import { UserEntity } from '../users/user.entity.js';

/** Whose registrations a vetter may see: one Member State's (a focal point), or every State's (an admin). */
export type VettingScope = { memberState: string } | 'all';

/** Every statement of vetting. The scope is part of each query, so a row outside it is never read. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registrations in this status, oldest first, and how many there are. */
  async list(
    scope: VettingScope,
    filters: { status: UserStatus; limit: number; offset: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: UserEntity[]; total: number }> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.status = :status', { status: filters.status })
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id')
      .take(filters.limit)
      .skip(filters.offset);
    const [rows, total] = await this.scoped(builder, scope).getManyAndCount();
    return { rows, total };
  }

  /** The account within the scope, locked for this transaction. */
  async lock(scope: VettingScope, userId: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | undefined> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :userId', { userId });
    return (await this.scoped(builder, scope).getOne()) ?? undefined;
  }

  async save(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  private scoped(builder: SelectQueryBuilder<UserEntity>, scope: VettingScope): SelectQueryBuilder<UserEntity> {
    return scope === 'all' ? builder : builder.andWhere('user.memberState = :vetterState', { vetterState: scope.memberState });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role, UserStatus } from '@ctlp/contracts';
import { query, sql } from '../common/sql.js';
import { UserEntity } from './user.entity.js';

export interface UserFilters {
  q?: string;
  role?: Role;
  status?: UserStatus;
  memberState?: string;
  limit: number;
  offset: number;
}

/** Every statement about user accounts as admins manage them. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of accounts, newest first, and how many match. */
  async list(filters: UserFilters, manager: EntityManager = this.dataSource.manager): Promise<{ rows: UserEntity[]; total: number }> {
    const builder = manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .orderBy('user.createdAt', 'DESC')
      .addOrderBy('user.id')
      .take(filters.limit)
      .skip(filters.offset);
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere('(user.fullName ILIKE :pattern OR user.email ILIKE :pattern)', { pattern });
    }
    if (filters.role) builder.andWhere(':role = ANY(user.roles)', { role: filters.role });
    if (filters.status) builder.andWhere('user.status = :status', { status: filters.status });
    if (filters.memberState) builder.andWhere('user.memberState = :memberState', { memberState: filters.memberState });
    const [rows, total] = await builder.getManyAndCount();
    return { rows, total };
  }

  /** The account, locked for this transaction. */
  async lock(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | undefined> {
    return (await manager.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  async save(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  /** Ends every session of the user (each session row names its user). */
  async endSessions(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM user_sessions WHERE user_id = ${userId}`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { MemberStateEntity } from './member-state.entity.js';

/** Every statement about the Member States (loaded by the seeder, read here). */
@Injectable()
export class MemberStatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(manager: EntityManager = this.dataSource.manager): Promise<MemberStateEntity[]> {
    return manager.getRepository(MemberStateEntity).find();
  }
}

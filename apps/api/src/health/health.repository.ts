import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Whether the database can serve the platform's requests. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Reads (nothing) from the table learners write to most, with its own short limits: fails when
   * the server is unreachable, too slow, or that table is locked, within `budgetMs`.
   */
  async probe(budgetMs: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)`, [String(budgetMs)]);
      await manager.query(`SELECT 1 FROM enrolments LIMIT 0`);
    });
  }
}

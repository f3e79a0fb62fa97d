import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobsService } from '../jobs/jobs.service.js';
import { mailAge, mailDate, mailNumber } from '../mail/messages.js';
import { MailService } from '../mail/mail.service.js';
import { RegistrationsRepository } from './registrations.repository.js';

export const PENDING_REGISTRATIONS_DIGEST_JOB = 'pending-registrations-digest';

/**
 * Every morning each active focal point whose State has registrations waiting gets one message
 * saying how many and since when; nobody hears about an empty queue. pg-boss creates one job per
 * tick across every replica, and the message is keyed by focal point and UTC day, so a retried or
 * repeated run the same day sends nothing more.
 */
@Injectable()
export class PendingRegistrationsDigestJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsRepository,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    // 06:00 UTC: the start of the working day in Africa and Europe, before it in the Americas.
    this.jobs.register({
      name: PENDING_REGISTRATIONS_DIGEST_JOB,
      schedule: '0 6 * * *',
      retryLimit: 3,
      handle: async () => {
        await this.run();
      },
    });
  }

  /** Queues today's digests; how many. */
  async run(now: Date = new Date()): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.registrations.pendingDigests(manager);
      for (const row of rows) {
        await this.mail.queue(
          {
            key: `digest:${row.focalPointId}:${day}`,
            message: 'pending_registrations',
            to: row.email,
            locale: row.locale,
            params: {
              name: row.fullName,
              state: row.stateName,
              count: mailNumber(row.locale, row.pending),
              age: mailAge(row.locale, row.oldest, now),
              date: mailDate(row.locale, row.oldest),
              url: this.mail.link('vetting'),
            },
          },
          manager,
        );
      }
      return rows.length;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../common/sql.js';
import { MailMessageEntity, type MailStatus } from './mail-message.entity.js';

export type MailRecord = Pick<
  MailMessageEntity,
  'key' | 'template' | 'recipient' | 'locale' | 'subject' | 'textBody' | 'htmlBody' | 'status' | 'error'
>;

/** Every statement about the messages sent or kept (table mail_messages). */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the message with this key has already gone out (or been kept): a retried job then does nothing. */
  async delivered(key: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ status: MailStatus }>(manager, sql`SELECT status FROM mail_messages WHERE key = ${key}`);
    return row !== undefined && row.status !== 'failed';
  }

  /** Records what happened to a message; a later try of the same key replaces a failure. */
  async record(record: MailRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(
      manager,
      sql`INSERT INTO mail_messages (key, template, recipient, locale, subject, text_body, html_body, status, error)
          VALUES (${record.key}, ${record.template}, ${record.recipient}, ${record.locale}, ${record.subject}, ${record.textBody},
                  ${record.htmlBody}, ${record.status}, ${record.error})
          ON CONFLICT (key) DO UPDATE SET subject = EXCLUDED.subject, text_body = EXCLUDED.text_body, html_body = EXCLUDED.html_body,
                 status = EXCLUDED.status, error = EXCLUDED.error, created_at = now()
           WHERE mail_messages.status = 'failed'`,
    );
  }

  async list(
    limit: number,
    offset: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: MailMessageEntity[]; total: number }> {
    const [rows, total] = await manager
      .getRepository(MailMessageEntity)
      .findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { rows, total };
  }

  async one(id: string, manager: EntityManager = this.dataSource.manager): Promise<MailMessageEntity | undefined> {
    return (await manager.getRepository(MailMessageEntity).findOneBy({ id })) ?? undefined;
  }
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LOCALES, type Locale } from '@ctlp/contracts';

export const MAIL_STATUSES = ['sent', 'kept', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every message the platform sent or kept: `sent` over SMTP, `kept` when no SMTP server is
 * configured (development: the admins read it at /admin/mail). The body is stored only for kept
 * messages — a sent one may carry a single-use link that must not sit in the database.
 */
@Entity({ name: 'mail_messages' })
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the message is for (`password_reset:<request id>`): a retried job never sends it twice. */
  @Index('mail_messages_key_key', { unique: true })
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'enum', enum: LOCALES, enumName: 'locale' })
  locale: Locale;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'text_body', type: 'text', nullable: true })
  textBody: string | null;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  @Column({ type: 'enum', enum: MAIL_STATUSES, enumName: 'mail_status' })
  status: MailStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Index('mail_messages_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

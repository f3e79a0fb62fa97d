import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Locale } from '@ctlp/contracts';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { MAIL_MESSAGES, type MailMessageName } from './messages.js';
import { MailRepository } from './mail.repository.js';
import { MailTransport } from './mail-transport.js';
import { renderMail, type MailParams, type RenderedMail } from './templates.js';

/** The job that sends one message. */
export const SEND_MAIL_JOB = 'send-mail';

export interface MailRequest {
  /** What the message is for, unique (`registration_decision:<user id>`): it is sent at most once. */
  key: string;
  message: MailMessageName;
  to: string;
  locale: Locale;
  params: MailParams;
  /**
   * A message that waits (see `queue`) may stop being true meanwhile: when given, the check of
   * this name (see `registerCheck`) runs just before sending, and a false answer sends nothing.
   */
  stillTrue?: { check: string; subjectId: string; version: string };
}

/** Whether what a waiting message says still holds (a decision not undone since, say). */
export type MailCheck = (subjectId: string, version: string) => Promise<boolean>;

/**
 * Mail in the recipient's language, sent by a background job: queued in the transaction of the
 * change that causes it (so a rolled-back change sends nothing), tried again with back-off when the
 * SMTP server fails, and never sent twice for one key. Without SMTP_URL (the embedded default) the
 * message is kept for the admins at /admin/mail and its links are written to the log.
 */
@Injectable()
export class MailService implements OnModuleInit {
  private readonly logger = new Logger('Mail');
  private readonly checks = new Map<string, MailCheck>();

  constructor(
    private readonly jobs: JobsService,
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<MailRequest>({ name: SEND_MAIL_JOB, handle: (request) => this.deliver(request) });
  }

  /** Queues a message; in `manager`'s transaction when given; sent no sooner than `delaySeconds` from now. */
  async queue(request: MailRequest, manager?: EntityManager, delaySeconds = 0): Promise<void> {
    await this.jobs.send(SEND_MAIL_JOB, request, { manager, ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}) });
  }

  /** Names a check that messages can ask for with `stillTrue`. */
  registerCheck(name: string, check: MailCheck): void {
    this.checks.set(name, check);
  }

  /** A link on the platform's public address. */
  link(path: string, query: Record<string, string> = {}): string {
    const url = new URL(path, `${this.config.publicUrl}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  render(request: Pick<MailRequest, 'message' | 'locale' | 'params'>): RenderedMail {
    return renderMail(request.message, MAIL_MESSAGES[request.message], request.locale, request.params);
  }

  /** Sends (or keeps) one message, unless its key already went out. Thrown errors make the job try again. */
  async deliver(request: MailRequest): Promise<void> {
    if (await this.repository.delivered(request.key)) return;
    if (request.stillTrue) {
      const check = this.checks.get(request.stillTrue.check);
      if (!check) throw new Error(`No mail check named ${request.stillTrue.check}`);
      if (!(await check(request.stillTrue.subjectId, request.stillTrue.version))) {
        this.logger.log(`Mail not sent: "${request.message}" for ${request.to} no longer holds`);
        return;
      }
    }
    const mail = this.render(request);
    const record = { key: request.key, template: request.message, recipient: request.to, locale: request.locale, subject: mail.subject };
    if (!this.transport.sends) {
      await this.repository.record({ ...record, textBody: mail.text, htmlBody: mail.html, status: 'kept', error: null });
      const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
      this.logger.log(
        `Mail kept, not sent (no SMTP_URL): "${mail.subject}" for ${request.to}${links.length ? ` — ${links.join(' ')}` : ''}`,
      );
      return;
    }
    try {
      await this.transport.send({ to: request.to, ...mail });
    } catch (error) {
      await this.repository.record({ ...record, textBody: null, htmlBody: null, status: 'failed', error: (error as Error).message });
      throw error;
    }
    await this.repository.record({ ...record, textBody: null, htmlBody: null, status: 'sent', error: null });
  }
}

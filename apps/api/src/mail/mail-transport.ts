import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** SMTP through nodemailer when SMTP_URL is set; without it, nothing leaves the platform. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.mail.smtpUrl) this.transporter = createTransport(config.mail.smtpUrl, { from: config.mail.from });
  }

  /** Whether messages go out over SMTP (otherwise they are kept for the admins). */
  get sends(): boolean {
    return this.transporter !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) throw new Error('No SMTP server is configured (SMTP_URL)');
    await this.transporter.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // Not a bulk or marketing message: auto-replies and vacation notices should not answer it.
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

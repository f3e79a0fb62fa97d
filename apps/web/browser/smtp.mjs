// A real SMTP server for the browser suite, like the API's test helper (apps/api/test/smtp.ts):
// the platform started with SMTP_URL pointing here sends its mail for real, and a test reads it.
// smtp-server and mailparser are the API workspace's test packages; the suite already runs the
// built API from ../../api/dist, with its dependencies.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export class TestSmtp {
  messages = [];

  static async start() {
    const smtp = new TestSmtp();
    smtp.server = new SMTPServer({
      // Plain SMTP on loopback, like a relay inside a deployment's network.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => (smtp.messages.push(mail), callback()),
          (error) => callback(error),
        );
      },
    });
    await new Promise((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    smtp.port = smtp.server.server.address().port;
    return smtp;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages sent to this address, oldest first. */
  to(address) {
    return this.messages.filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes(address)));
  }

  /** Waits for message number `count` to this address (the platform's job worker sends it). */
  async waitFor(address, count = 1, timeoutMs = 20_000) {
    const started = Date.now();
    for (;;) {
      const found = this.to(address);
      if (found.length >= count) return found[count - 1];
      if (Date.now() - started > timeoutMs)
        throw new Error(`No mail number ${count} to ${address} within ${timeoutMs} ms (${found.length} came)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop() {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The link of a message that leads to `path` on the platform (in its text part). */
export function linkTo(mail, path) {
  const link = mail.text.match(new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\S*`))?.[0];
  if (!link) throw new Error(`No link to ${path} in "${mail.subject}":\n${mail.text}`);
  return link;
}

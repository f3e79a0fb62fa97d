import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free port, keeping every message it receives, parsed. */
export class TestSmtp {
  readonly messages: ParsedMail[] = [];
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestSmtp> {
    let received: (mail: ParsedMail) => void = () => undefined;
    const server = new SMTPServer({
      // Plain SMTP on loopback, like a relay inside a deployment's network.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => (received(mail), callback()),
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const smtp = new TestSmtp(server, (server.server.address() as AddressInfo).port);
    received = (mail) => smtp.messages.push(mail);
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages sent to this address. */
  to(address: string): ParsedMail[] {
    return this.messages.filter(
      (mail) => mail.to && (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to.text.includes(address)),
    );
  }

  /** Waits until a message to this address arrives (the app's job worker sends it). */
  async waitFor(address: string, timeoutMs = 15_000): Promise<ParsedMail> {
    const started = Date.now();
    for (;;) {
      const found = this.to(address).at(-1);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`No mail to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

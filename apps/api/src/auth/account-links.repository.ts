import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale, UserStatus } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../common/sql.js';
import type { AccountTokenPurpose } from './account-token.entity.js';

/** Who a mailed link is for: enough to write the message and decide whether to send it. */
export interface LinkRecipient {
  id: string;
  email: string;
  fullName: string;
  locale: Locale;
  status: UserStatus;
  emailConfirmedAt: Date | null;
}

/** Every statement about the links mailed to officials, and the password-reset requests. */
@Injectable()
export class AccountLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recipientById(id: string, manager: EntityManager = this.dataSource.manager): Promise<LinkRecipient | undefined> {
    const [row] = await query<LinkRecipient>(
      manager,
      sql`SELECT id, email, full_name AS "fullName", locale, status, email_confirmed_at AS "emailConfirmedAt" FROM users WHERE id = ${id}`,
    );
    return row;
  }

  async recipientByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<LinkRecipient | undefined> {
    const [row] = await query<LinkRecipient>(
      manager,
      sql`SELECT id, email, full_name AS "fullName", locale, status, email_confirmed_at AS "emailConfirmedAt" FROM users WHERE email = ${email}`,
    );
    return row;
  }

  /** Keeps the hash of a new link; returns its id. */
  async createToken(
    userId: string,
    purpose: AccountTokenPurpose,
    hash: Buffer,
    minutes: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const [row] = await query<{ id: string }>(
      manager,
      sql`INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
          VALUES (${userId}, ${purpose}, ${hash}, now() + make_interval(mins => ${minutes})) RETURNING id`,
    );
    return row!.id;
  }

  /** The live (unused, unexpired) link with this hash, locked for this transaction. */
  async lockLiveToken(
    hash: Buffer,
    purpose: AccountTokenPurpose,
    manager: EntityManager,
  ): Promise<{ id: string; userId: string } | undefined> {
    const [row] = await query<{ id: string; userId: string }>(
      manager,
      sql`SELECT id, user_id AS "userId" FROM account_tokens
           WHERE token_hash = ${hash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
           FOR UPDATE`,
    );
    return row;
  }

  /** Every live link of the user for this purpose is used up (a reset ends the other reset links too). */
  async useTokens(userId: string, purpose: AccountTokenPurpose, manager: EntityManager): Promise<void> {
    await query<never>(
      manager,
      sql`UPDATE account_tokens SET used_at = now() WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`,
    );
  }

  async confirmEmail(userId: string, manager: EntityManager): Promise<void> {
    await query<never>(manager, sql`UPDATE users SET email_confirmed_at = now() WHERE id = ${userId} AND email_confirmed_at IS NULL`);
  }

  /** Records a reset request and counts those of the last `minutes` for its network and its account (this one included). */
  async recordResetRequest(
    account: string,
    network: string,
    minutes: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ perAccount: number; perNetwork: number }> {
    const [row] = await query<{ perAccount: number; perNetwork: number }>(
      manager,
      sql`WITH recorded AS (INSERT INTO password_reset_requests (account, address) VALUES (${account}, ${network}))
          SELECT (SELECT count(*) FROM password_reset_requests WHERE account = ${account} AND created_at > now() - make_interval(mins => ${minutes}))::int + 1 AS "perAccount",
                 (SELECT count(*) FROM password_reset_requests WHERE address = ${network} AND created_at > now() - make_interval(mins => ${minutes}))::int + 1 AS "perNetwork"`,
    );
    return row!;
  }

  /** Old requests and used or expired links are of no use: removed now and then. */
  async prune(minutes: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM password_reset_requests WHERE created_at < now() - make_interval(mins => ${minutes})`);
    await query<never>(manager, sql`DELETE FROM account_tokens WHERE expires_at < now() - interval '7 days'`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiTokenScope } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { query, rawSql, sql, type Sql } from '../common/sql.js';
import { sessionUserColumns } from './session-user.js';

/** A token as its owner sees it in the list: never the token nor its hash. */
export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

const TOKEN_COLUMNS = rawSql(
  `t.id, t.name, t.prefix, t.scopes::text[] AS scopes, t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt"`,
);

/** Every statement about personal API tokens. The owner is in each query: nobody reaches another's token. */
@Injectable()
export class ApiTokensRepository {
  private readonly userColumns: Sql;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.userColumns = rawSql(sessionUserColumns(dataSource));
  }

  async insert(
    token: { userId: string; name: string; prefix: string; hash: Buffer; scopes: ApiTokenScope[]; expiresAt: Date },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiTokenRow> {
    const [row] = await query<ApiTokenRow>(
      manager,
      sql`WITH t AS (
            INSERT INTO api_tokens (user_id, name, prefix, token_hash, scopes, expires_at)
            VALUES (${token.userId}, ${token.name}, ${token.prefix}, ${token.hash}, ${token.scopes}::api_token_scope[], ${token.expiresAt})
            RETURNING *)
          SELECT ${TOKEN_COLUMNS} FROM t`,
    );
    return row!;
  }

  /** The owner's tokens not revoked, newest first (expired ones too, so the owner sees they lapsed). */
  async listOwn(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ApiTokenRow[]> {
    return query<ApiTokenRow>(
      manager,
      sql`SELECT ${TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = ${userId} AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id`,
    );
  }

  /** Revokes the owner's token; false when there is no such live token of theirs. */
  async revokeOwn(id: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await query<{ id: string }>(
      manager,
      sql`WITH t AS (UPDATE api_tokens SET revoked_at = now() WHERE id = ${id} AND user_id = ${userId} AND revoked_at IS NULL RETURNING id)
          SELECT id FROM t`,
    );
    return rows.length > 0;
  }

  /** The live (unrevoked, unexpired) token with this hash and its owner as the owner is now: roles, State, status. */
  async findLive(
    hash: Buffer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ tokenId: string; scopes: ApiTokenScope[]; user: SessionUser } | undefined> {
    const [row] = await query<SessionUser & { tokenId: string; tokenScopes: ApiTokenScope[] }>(
      manager,
      sql`SELECT ${this.userColumns}, t.id AS "tokenId", t.scopes::text[] AS "tokenScopes"
            FROM api_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND t.expires_at > now()`,
    );
    if (!row) return undefined;
    const { tokenId, tokenScopes, ...user } = row;
    return { tokenId, scopes: tokenScopes, user };
  }

  async stampUse(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${id}`);
  }
}

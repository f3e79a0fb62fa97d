import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_TOKEN_PREFIX, type ApiTokenScope, type Role } from '@ctlp/contracts';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { toApiTokenDto, type ApiTokenDto, type CreateApiTokenDto, type CreatedApiTokenDto } from './dto/api-token.dto.js';

/** Who may hold a token, now as when it was made: a token stops working when its owner loses the role. */
export const API_TOKEN_ROLES: readonly Role[] = ['admin', 'focal_point'];
/** The token's start kept in clear, so its owner can tell which one a script uses. */
const SHOWN_CHARACTERS = API_TOKEN_PREFIX.length + 4;
// 32 random bytes in base64url: 43 characters.
const TOKEN_SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A bare date is midnight UTC; a date-time keeps its own offset. */
function parseExpiry(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
}

/** What a request authenticated by a token carries besides its user. */
export interface ApiTokenUse {
  tokenId: string;
  scopes: ApiTokenScope[];
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(user: SessionUser, dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const expiresAt = parseExpiry(dto.expiresAt);
    const now = new Date();
    if (!(expiresAt > now)) throw ValidationError.field('expiresAt', 'must_be_in_future');
    const latest = new Date(now);
    latest.setUTCFullYear(latest.getUTCFullYear() + 1);
    if (expiresAt > latest) throw ValidationError.field('expiresAt', 'too_far_ahead', { max: latest.toISOString().slice(0, 10) });

    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const scopes = [...new Set(dto.scopes)];
    const row = await this.dataSource.transaction(async (manager) => {
      const created = await this.tokens.insert(
        { userId: user.id, name: dto.name, prefix: token.slice(0, SHOWN_CHARACTERS), hash: hashOf(token), scopes, expiresAt },
        manager,
      );
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'api_token.created',
        subjectType: 'api_token',
        subjectId: created.id,
        data: { name: created.name, scopes, expiresAt: created.expiresAt.toISOString() },
      });
      return created;
    });
    return { ...toApiTokenDto(row), token };
  }

  async list(user: SessionUser): Promise<ApiTokenDto[]> {
    return (await this.tokens.listOwn(user.id)).map(toApiTokenDto);
  }

  /** Someone else's token, or one already revoked, is not found. */
  async revoke(user: SessionUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.revokeOwn(id, user.id, manager))) throw new NotFoundError('api_token');
      await this.audit.record(manager, { actorId: user.id, action: 'api_token.revoked', subjectType: 'api_token', subjectId: id });
    });
  }

  /**
   * The owner a presented token acts for, with the owner's current roles and State; refused (401)
   * when the token is unknown, revoked or expired, lacks the scope, or its owner is no longer an
   * active admin or focal point. Each accepted use is stamped and audited with the route it called.
   */
  async authenticate(
    token: string,
    scope: ApiTokenScope,
    route: { method: string; route: string; url: string },
  ): Promise<{ user: SessionUser; token: ApiTokenUse }> {
    if (!TOKEN_SHAPE.test(token)) throw new AppError('api_token_invalid');
    const found = await this.tokens.findLive(hashOf(token));
    if (
      !found ||
      !found.scopes.includes(scope) ||
      found.user.status !== 'active' ||
      !found.user.roles.some((role) => API_TOKEN_ROLES.includes(role))
    ) {
      throw new AppError('api_token_invalid');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.stampUse(found.tokenId, manager);
      await this.audit.record(manager, {
        actorId: found.user.id,
        action: 'api_token.used',
        subjectType: 'api_token',
        subjectId: found.tokenId,
        data: route,
      });
    });
    return { user: found.user, token: { tokenId: found.tokenId, scopes: found.scopes } };
  }
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@ctlp/contracts';
import { UserEntity } from '../users/user.entity.js';

/**
 * A personal API token for scripted report exports. Only its SHA-256 is kept (the token is 256
 * random bits, so a fast hash is enough); `prefix` is the start of the token, for the owner to
 * tell their tokens apart. A revoked token stays, so the audit trail still names it.
 */
@Entity({ name: 'api_tokens' })
@Index('api_tokens_user_idx', ['userId', 'createdAt'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_tokens_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  prefix: string;

  @Index('api_tokens_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'enum', enum: API_TOKEN_SCOPES, enumName: 'api_token_scope', array: true })
  scopes: ApiTokenScope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

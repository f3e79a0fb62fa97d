import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per password-reset request, for any email typed, known or not: counting them limits
 * requests per network and per account the same way for both, so the limit tells nothing.
 */
@Entity({ name: 'password_reset_requests' })
@Index('password_reset_requests_account_idx', ['account', 'createdAt'])
@Index('password_reset_requests_address_idx', ['address', 'createdAt'])
export class PasswordResetRequestEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** The email as typed, normalised. */
  @Column({ type: 'text' })
  account: string;

  /** The client's network (login-limits.ts clientNetwork). */
  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per failed sign-in (or wrong current password), written before the password is checked
 * and removed when it proves right. Counting rows in PostgreSQL gives limits that every API
 * replica shares, which an in-memory counter would not (login-limits.ts). Both counts read one
 * short index range: a pair's failures, a network's failures.
 */
@Entity({ name: 'login_failures' })
@Index('login_failures_pair_idx', ['account', 'address', 'createdAt'])
@Index('login_failures_address_idx', ['address', 'createdAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** The email as typed, normalised (emails.ts): attempts on unknown accounts are limited the same way. */
  @Column({ type: 'text' })
  account: string;

  /** The client's network (login-limits.ts clientNetwork): an IPv4 address, or an IPv6 /64. */
  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

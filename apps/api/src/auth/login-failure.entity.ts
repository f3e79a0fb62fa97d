import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per failed login. Counting rows of the last hour gives a limit that every API replica
 * shares, which an in-memory counter would not.
 */
@Entity({ name: 'login_failures' })
@Index('login_failures_account_idx', ['account', 'createdAt'])
@Index('login_failures_address_idx', ['address', 'createdAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** The email as typed, lower-cased: attempts on unknown accounts are limited too. */
  @Column({ type: 'text' })
  account: string;

  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

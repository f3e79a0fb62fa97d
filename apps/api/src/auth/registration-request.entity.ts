import { CreateDateColumn, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per registration submitted, for any email, taken or not: counting them limits
 * registrations per network and across the platform (each costs a password hash and a mail), and
 * the limit reads the same whether or not the address has an account.
 */
@Entity({ name: 'registration_requests' })
@Index('registration_requests_address_idx', ['address', 'createdAt'])
@Index('registration_requests_created_idx', ['createdAt'])
export class RegistrationRequestEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** The client's network (login-limits.ts clientNetwork). */
  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

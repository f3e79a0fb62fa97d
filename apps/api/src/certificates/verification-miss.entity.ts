import { CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';

/**
 * One row per verification of an unknown code, by address: a limit every replica shares, so
 * nobody can walk the code space. Valid codes cost nothing.
 */
@Entity({ name: 'verification_misses' })
@Index('verification_misses_address_idx', ['address', 'createdAt'])
export class VerificationMissEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

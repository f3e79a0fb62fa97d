import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * A write sent with an `Idempotency-Key` and what it answered. Written in the transaction of the
 * write itself: the primary key makes a concurrent duplicate wait on the first's uncommitted row,
 * then answer its result. `status` and `body` are null only inside that transaction.
 */
@Entity({ name: 'idempotency_keys' })
@Index('idempotency_keys_created_at_idx', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'idempotency_keys_user_id_fkey' })
  user?: UserEntity;

  /** `POST /api/lessons/:id/complete`: the route pattern, not the URL. */
  @Column({ type: 'varchar', length: 100 })
  route: string;

  /** SHA-256 (hex) of the lesson id and the body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'int', nullable: true })
  status: number | null;

  @Column({ type: 'jsonb', nullable: true })
  body: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

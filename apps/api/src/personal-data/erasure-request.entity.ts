import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ERASURE_REQUEST_STATUSES, type ErasureRequestStatus } from '@ctlp/contracts';
import { UserEntity } from '../users/user.entity.js';

/**
 * A person's request that their personal data be erased (GDPR art. 17). An admin completes it
 * (the person is pseudonymised) or refuses it with a reason; the person may withdraw it while it
 * is open. At most one open request per person, kept by a partial unique index.
 */
@Entity({ name: 'erasure_requests' })
@Index('erasure_requests_open_key', ['userId'], { unique: true, where: `status = 'open'` })
@Index('erasure_requests_status_idx', ['status', 'requestedAt'])
export class ErasureRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'erasure_requests_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'enum', enum: ERASURE_REQUEST_STATUSES, enumName: 'erasure_request_status', default: 'open' })
  status: ErasureRequestStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  /** The admin who completed or refused it; null while open, when withdrawn, or once that admin is gone. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'erasure_requests_decided_by_fkey' })
  decidedByRef?: UserEntity;

  /** When it was completed, refused or withdrawn. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PARTICIPANT_ROLES } from '@ctlp/contracts';
import type { ParticipantRole } from '@ctlp/contracts';
import { ActivityEntity } from './activity.entity.js';
import { ParticipantEntity } from './participant.entity.js';

/** A person's place in one activity: their role, and whether their attendance completed it. */
@Entity({ name: 'activity_participants' })
@Index('activity_participants_key', ['activityId', 'participantId'], { unique: true })
@Index('activity_participants_participant_idx', ['participantId'])
export class ActivityParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @ManyToOne(() => ActivityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'activity_participants_activity_id_fkey' })
  activity?: ActivityEntity;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'activity_participants_participant_id_fkey' })
  participant?: ParticipantEntity;

  @Column({ type: 'enum', enum: PARTICIPANT_ROLES, enumName: 'participant_role', default: 'participant' })
  role: ParticipantRole;

  /**
   * Attended at least the activity's required share of its days. Kept by the statement that
   * records attendance (and by changes to the activity's days or share), in the same transaction.
   */
  @Column({ type: 'boolean', default: false })
  completed: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

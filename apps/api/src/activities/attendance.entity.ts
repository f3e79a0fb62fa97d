import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { ActivityParticipantEntity } from './activity-participant.entity.js';

export const ATTENDANCE_SOURCES = ['organiser', 'check_in', 'import'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/** Whether a participant was there on one day of the activity, and who said so. */
@Entity({ name: 'activity_attendance' })
@Index('activity_attendance_day_idx', ['day'])
export class AttendanceEntity {
  @PrimaryColumn({ name: 'activity_participant_id', type: 'uuid' })
  activityParticipantId: string;

  @ManyToOne(() => ActivityParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_participant_id', foreignKeyConstraintName: 'activity_attendance_activity_participant_id_fkey' })
  activityParticipant?: ActivityParticipantEntity;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'boolean' })
  present: boolean;

  @Column({ type: 'enum', enum: ATTENDANCE_SOURCES, enumName: 'attendance_source' })
  source: AttendanceSource;

  /** Null for a self check-in and an import. */
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'activity_attendance_recorded_by_fkey' })
  recorder?: UserEntity;

  @UpdateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

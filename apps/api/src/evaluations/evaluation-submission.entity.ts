import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';

/**
 * That an enrolment has answered its course's evaluation, so it cannot answer twice; deliberately
 * without a link to the response it gave.
 */
@Entity({ name: 'evaluation_submissions' })
export class EvaluationSubmissionEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid', primaryKeyConstraintName: 'evaluation_submissions_pkey' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'evaluation_submissions_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  /** The first day of the month it was given. */
  @Column({ type: 'date' })
  month: string;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** The table sessions live in (SessionStore); declared here so migrations own it. */
@Entity({ name: 'user_sessions' })
export class SessionEntity {
  /** The session id: the bearer secret in the cookie. Never sent in an answer (devices show a hash of it). */
  @PrimaryColumn({ type: 'varchar' })
  sid: string;

  @Column({ type: 'json' })
  sess: Record<string, unknown>;

  @Index('user_sessions_expire_idx')
  @Column({ type: 'timestamp', precision: 6 })
  expire: Date;

  /** Whose session (null before sign-in): ending a user's sessions, or listing them, is one index read. */
  @Index('user_sessions_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_sessions_user_id_fkey' })
  userRef?: UserEntity;

  /** When the session was first saved: its sign-in. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The browser that signed in (its User-Agent, truncated), for the user's list of devices. */
  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** The client address that signed in, for the user's list of devices. */
  @Column({ type: 'text', nullable: true })
  address: string | null;
}

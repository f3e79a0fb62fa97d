import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The table sessions live in (SessionStore); declared here so migrations own it. */
@Entity({ name: 'user_sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar' })
  sid: string;

  @Column({ type: 'json' })
  sess: Record<string, unknown>;

  @Index('user_sessions_expire_idx')
  @Column({ type: 'timestamp', precision: 6 })
  expire: Date;
}

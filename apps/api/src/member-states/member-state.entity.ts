import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ctlp/contracts';

@Entity({ name: 'member_states' })
export class MemberStateEntity {
  /** ISO 3166-1 alpha-3, the key every other table refers to. */
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  @Column({ type: 'char', length: 2 })
  alpha2: string;

  @Index('member_states_m49_key', { unique: true })
  @Column({ type: 'char', length: 3 })
  m49: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'text' })
  subregion: string;

  /** The two observer States (Holy See, State of Palestine). */
  @Column({ type: 'boolean', default: false })
  observer: boolean;

  @Column({ type: 'jsonb' })
  names: Record<Locale, string>;
}

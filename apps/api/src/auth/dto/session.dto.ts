import { ApiProperty } from '@nestjs/swagger';
import type { DeviceSessionRow } from '../sessions.repository.js';

/** One signed-in device of the caller. */
export class SessionDto {
  @ApiProperty({
    description: 'Opaque id of the session (not the session cookie, which never leaves the server)',
    example: '9b2f64c1d0e84a7f3c5e1b6a8d2f0c47',
  })
  id: string;

  @ApiProperty({ description: 'The session this request was made with' })
  current: boolean;

  @ApiProperty({ format: 'date-time', description: 'When it signed in' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'When it ends (12 hours after sign-in)' })
  expiresAt: string;

  @ApiProperty({ nullable: true, type: String, description: 'The browser’s User-Agent at sign-in, truncated' })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The client address at sign-in' })
  address: string | null;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) items: SessionDto[];
  @ApiProperty() total: number;
}

export function toSessionDto(row: DeviceSessionRow): SessionDto {
  return {
    id: row.id,
    current: row.current,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    address: row.address,
  };
}

import { printableText } from '../common/person-text.js';
import type { CertificateRow } from './certificates.repository.js';
import type { CertificateActivityDto, CertificateDto, VerificationDto } from './dto/certificate.dto.js';

/** The dates and place of a certificate of participation; null for a course's. */
function activityFacts(row: CertificateRow): CertificateActivityDto | null {
  if (row.kind !== 'activity') return null;
  return { startsOn: row.activityStartsOn!, endsOn: row.activityEndsOn!, city: row.activityCity, memberState: row.activityMemberState };
}

/** Revoked, expired (at `now`), or valid. */
export function certificateStatus(row: CertificateRow, now = new Date()): CertificateDto['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'valid';
}

/** A certificate for its holder, its course's trainers and admins; `verificationUrl` is where its QR code points. */
export function toCertificateDto(row: CertificateRow, verificationUrl: string): CertificateDto {
  return {
    id: row.id,
    kind: row.kind,
    courseId: row.courseId,
    activityId: row.activityId,
    activity: activityFacts(row),
    serial: row.serial,
    verificationCode: row.verificationCode,
    verificationUrl,
    holderName: printableText(row.holderName),
    courseTitle: row.courseTitle,
    hours: Number(row.hours),
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    status: certificateStatus(row),
  };
}

/**
 * What anyone with the verification code may see: nothing about the holder beyond the name, and
 * that as plain text (a name stored before names were checked may hold bidi overrides).
 */
export function toVerificationDto(row: CertificateRow): VerificationDto {
  return {
    status: certificateStatus(row),
    kind: row.kind,
    holderName: printableText(row.holderName),
    courseTitle: row.courseTitle,
    activity: activityFacts(row),
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

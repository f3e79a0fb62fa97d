import { printableText } from '../common/person-text.js';
import type { CertificateRow } from './certificates.repository.js';
import type { CertificateStatus } from '@ctlp/contracts';
import type { CertificateActivityDto, CertificateDto, CurrentCertificateDto, VerificationDto } from './dto/certificate.dto.js';

/** The dates and place of a certificate of participation; null for a course's. */
function activityFacts(row: CertificateRow): CertificateActivityDto | null {
  if (row.kind !== 'activity') return null;
  return { startsOn: row.activityStartsOn!, endsOn: row.activityEndsOn!, city: row.activityCity, memberState: row.activityMemberState };
}

/** Revoked, expired (at `now`), or valid; revoked or not, by expiry dates alone. */
function datedStatus(revokedAt: Date | null, expiresAt: Date | null, now: Date): CertificateStatus {
  if (revokedAt) return 'revoked';
  if (expiresAt && expiresAt <= now) return 'expired';
  return 'valid';
}

/** Revoked, superseded by a later cycle's certificate, expired (at `now`), or valid. */
export function certificateStatus(row: CertificateRow, now = new Date()): CertificateStatus {
  if (!row.revokedAt && row.supersededBy) return 'superseded';
  return datedStatus(row.revokedAt, row.expiresAt, now);
}

/** The certificate that superseded this one, as verification shows it. */
function currentCertificate(row: CertificateRow, now = new Date()): CurrentCertificateDto | null {
  const next = row.supersededBy;
  if (!next) return null;
  const issuedAt = new Date(next.issuedAt);
  const expiresAt = next.expiresAt === null ? null : new Date(next.expiresAt);
  const revokedAt = next.revokedAt === null ? null : new Date(next.revokedAt);
  return {
    serial: next.serial,
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
    status: datedStatus(revokedAt, expiresAt, now),
  };
}

/** A certificate for its holder, its course's trainers and admins; `verificationUrl` is where its QR code points. */
export function toCertificateDto(row: CertificateRow, verificationUrl: string): CertificateDto {
  return {
    id: row.id,
    kind: row.kind,
    courseId: row.courseId,
    activityId: row.activityId,
    activity: activityFacts(row),
    learningPathId: row.learningPathId,
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
    hours: Number(row.hours),
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    current: currentCertificate(row),
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AttendanceService } from './attendance.service.js';
import { checkCheckInCode, checkInKey, makeCheckInCode } from './check-in-code.js';
import { CheckInRepository, type CheckInActivityRow } from './check-in.repository.js';
import type { CheckInCodeDto, CheckInResultDto } from './dto/check-in.dto.js';
import { ParticipantsService } from './participants.service.js';

/**
 * Wrong codes one user may send per window before check-in answers 429: a code has 72 bits of
 * MAC, so this only keeps anyone from hammering the endpoint. Counted in verification_misses,
 * whose rows the certificates' job prunes after 10 minutes.
 */
export const CHECK_IN_LIMITS = { missesPerUser: 10, windowMinutes: 10 } as const;

/** Accounts that may check in: active ones, and pending ones (recorded now, counted once vetted). */
const MAY_CHECK_IN = new Set(['active', 'pending']);

/**
 * Check-in is by UTC day: an activity's days are dates without a time zone, and the platform
 * keeps none per activity, so "today" is the UTC date (a morning session east of UTC+12 or an
 * evening one west of UTC−12 would fall on the neighbouring date).
 */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Open for check-in: today is one of its days and it is not closed. */
export function openForCheckIn(activity: CheckInActivityRow, now: Date): boolean {
  const today = utcDay(now);
  return activity.status !== 'closed' && activity.startsOn <= today && today <= activity.endsOn;
}

@Injectable()
export class CheckInService {
  private readonly key: Buffer;
  /** The clock codes are made and checked with; tests set it. */
  now: () => Date = () => new Date();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkIns: CheckInRepository,
    private readonly participants: ParticipantsService,
    private readonly attendance: AttendanceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = checkInKey(config.sessionSecret);
  }

  /** The current code of an activity the user organises (404 otherwise), while it is open for check-in (409 otherwise). */
  async code(user: SessionUser, activityId: string): Promise<CheckInCodeDto> {
    const activity = await this.checkIns.forOrganiser(user, activityId);
    if (!activity) throw new NotFoundError('activity');
    const now = this.now();
    if (!openForCheckIn(activity, now)) throw new AppError('check_in_closed');
    const { code, expiresAt } = makeCheckInCode(this.key, activity.id, now);
    return {
      code,
      expiresAt: expiresAt.toISOString(),
      url: `${this.config.publicUrl.replace(/\/$/, '')}/check-in?code=${encodeURIComponent(code)}`,
    };
  }

  /**
   * POST /activities/check-in: the signed-in official scanned the code. Marks them present today
   * (UTC) in the activity the code names, placing them as a participant first when they are not
   * (the activity's capacity applies: 409 activity_full). A second scan the same day changes
   * nothing and answers the same. A code whose MAC does not match is 400 check_in_code_invalid
   * and names no activity; a genuine older one 400 check_in_code_expired.
   */
  async checkIn(user: SessionUser, code: string): Promise<CheckInResultDto> {
    if (!MAY_CHECK_IN.has(user.status)) throw new AppError('account_not_active');
    const misses = await this.checkIns.recentMisses(user.id, CHECK_IN_LIMITS.windowMinutes);
    if (misses >= CHECK_IN_LIMITS.missesPerUser) {
      throw new AppError('check_in_rate_limited', { headers: { 'Retry-After': String(CHECK_IN_LIMITS.windowMinutes * 60) } });
    }
    const now = this.now();
    const checked = checkCheckInCode(this.key, code, now);
    if (!checked.ok) {
      if (checked.reason === 'invalid') await this.checkIns.recordMiss(user.id);
      throw ValidationError.field('code', checked.reason === 'invalid' ? 'check_in_code_invalid' : 'check_in_code_expired');
    }
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.checkIns.byId(checked.activityId, manager);
      // A genuine code of an activity deleted since.
      if (!activity) throw ValidationError.field('code', 'check_in_code_invalid');
      if (!openForCheckIn(activity, now)) throw new AppError('check_in_closed');
      const day = utcDay(now);
      const place = await this.participants.findOrAddUser(manager, activity.id, user.id);
      await this.attendance.record(
        manager,
        activity.id,
        [{ activityParticipantId: place.activityParticipantId, day, present: true }],
        'check_in',
        null,
      );
      return {
        activity: { id: activity.id, title: activity.title, startsOn: activity.startsOn, endsOn: activity.endsOn, city: activity.city },
        day,
        present: true,
      };
    });
  }
}

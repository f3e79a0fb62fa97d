import { Inject, Injectable } from '@nestjs/common';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { checkInKey, makeCheckInCode } from './check-in-code.js';
import { CheckInRepository, type CheckInActivityRow } from './check-in.repository.js';
import type { CheckInCodeDto } from './dto/check-in.dto.js';

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
    private readonly checkIns: CheckInRepository,
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
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AttendanceService } from './attendance.service.js';
import {
  checkCheckInCode,
  checkCheckInPass,
  checkInKeys,
  makeCheckInCode,
  makeCheckInPass,
  possibleVenueDays,
  utcDay,
  type CheckInKeys,
  type CheckInTokenCheck,
} from './check-in-code.js';
import { CheckInRepository, type CheckInActivityRow, type CheckInMisser } from './check-in.repository.js';
import type { CheckInCodeDto, CheckInDto, CheckInPassDto, CheckInResultDto } from './dto/check-in.dto.js';
import { ParticipantsService } from './participants.service.js';

/**
 * Wrong codes or passes one user (or, asking for a pass before signing in, one address) may send
 * per window before check-in answers 429: a code has 72 bits of MAC, so this only keeps anyone
 * from hammering the endpoints. Counted in verification_misses, whose rows the certificates' job
 * prunes after 10 minutes. Right codes are not counted, so a room behind one address is not
 * limited.
 */
export const CHECK_IN_LIMITS = { missesPerUser: 10, missesPerAddress: 10, windowMinutes: 10 } as const;

/** Accounts that may check in: active ones, and pending ones (recorded now, counted once vetted). */
const MAY_CHECK_IN = new Set(['active', 'pending']);

/**
 * Open for check-in on `day`: one of its days, and not closed. The day is the venue's date, which
 * the organiser's screen gives when it asks for codes and which the code carries, signed: an
 * activity's days are dates without a time zone, and only the room knows which date it is there.
 */
export function openForCheckIn(activity: CheckInActivityRow, day: string): boolean {
  return activity.status !== 'closed' && activity.startsOn <= day && day <= activity.endsOn;
}

@Injectable()
export class CheckInService {
  private readonly keys: CheckInKeys;
  /** The clock codes and passes are made and checked with; tests set it. */
  now: () => Date = () => new Date();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkIns: CheckInRepository,
    private readonly participants: ParticipantsService,
    private readonly attendance: AttendanceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = checkInKeys(config.sessionSecret);
  }

  /**
   * The current code of an activity the user organises (404 otherwise), recording `day`: the
   * venue's date by the screen's clock (the UTC date when not given). A day further than one from
   * the UTC date is no venue's date now: 400 fields.day. The activity must be open that day (409).
   */
  async code(user: SessionUser, activityId: string, day?: string): Promise<CheckInCodeDto> {
    const activity = await this.checkIns.forOrganiser(user, activityId);
    if (!activity) throw new NotFoundError('activity');
    const now = this.now();
    const venueDay = day ?? utcDay(now);
    const { min, max } = possibleVenueDays(now);
    if (venueDay < min || venueDay > max) throw ValidationError.field('day', 'check_in_day_out_of_range', { min, max });
    if (!openForCheckIn(activity, venueDay)) throw new AppError('check_in_closed');
    const { code, expiresAt } = makeCheckInCode(this.keys, activity.id, venueDay, now);
    return {
      code,
      expiresAt: expiresAt.toISOString(),
      day: venueDay,
      url: `${this.config.publicUrl.replace(/\/$/, '')}/check-in?code=${encodeURIComponent(code)}`,
    };
  }

  /**
   * POST /activities/check-in/pass, for anyone: a code scanned before signing in is exchanged for
   * a pass that stands for it for 30 minutes, long enough to sign in or register. The code is
   * checked as check-in checks it (400 fields.code, 409 check_in_closed), wrong ones counted
   * against the caller's address (429); nothing is recorded and the answer names no activity.
   */
  async pass(code: string, address: string): Promise<CheckInPassDto> {
    const who = { address };
    await this.refuseWhenLimited(who, CHECK_IN_LIMITS.missesPerAddress);
    const now = this.now();
    const checked = await this.accepted(who, 'code', checkCheckInCode(this.keys, code, now));
    const activity = await this.checkIns.byId(checked.activityId);
    if (!activity) throw ValidationError.field('code', 'check_in_code_invalid');
    if (!openForCheckIn(activity, checked.day)) throw new AppError('check_in_closed');
    const { pass, expiresAt } = makeCheckInPass(this.keys, activity.id, checked.day, now);
    return { pass, expiresAt: expiresAt.toISOString() };
  }

  /**
   * POST /activities/check-in: the signed-in official scanned the code, or redeems the pass they
   * got for it before signing in. Marks them present on the venue's day the code carries in the
   * activity it names, placing them as a participant first when they are not (the activity's
   * capacity applies: 409 activity_full). A second scan or redemption changes nothing and answers
   * the same. A code or pass whose MAC does not match is 400 check_in_code_invalid on its field
   * and names no activity; a genuine older one 400 check_in_code_expired.
   */
  async checkIn(user: SessionUser, dto: CheckInDto): Promise<CheckInResultDto> {
    if (!MAY_CHECK_IN.has(user.status)) throw new AppError('account_not_active');
    if (dto.code !== undefined && dto.pass !== undefined) throw ValidationError.field('pass', 'unknown_property');
    const who = { userId: user.id };
    await this.refuseWhenLimited(who, CHECK_IN_LIMITS.missesPerUser);
    const now = this.now();
    const checked =
      dto.pass !== undefined
        ? await this.accepted(who, 'pass', checkCheckInPass(this.keys, dto.pass, now))
        : await this.accepted(who, 'code', checkCheckInCode(this.keys, dto.code ?? '', now));
    const field = dto.pass !== undefined ? 'pass' : 'code';
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.checkIns.byId(checked.activityId, manager);
      // A genuine code of an activity deleted since.
      if (!activity) throw ValidationError.field(field, 'check_in_code_invalid');
      if (!openForCheckIn(activity, checked.day)) throw new AppError('check_in_closed');
      const place = await this.participants.findOrAddUser(manager, activity.id, user.id);
      await this.attendance.record(
        manager,
        activity.id,
        [{ activityParticipantId: place.activityParticipantId, day: checked.day, present: true }],
        'check_in',
        null,
      );
      return {
        activity: { id: activity.id, title: activity.title, startsOn: activity.startsOn, endsOn: activity.endsOn, city: activity.city },
        day: checked.day,
        present: true,
      };
    });
  }

  private async refuseWhenLimited(who: CheckInMisser, limit: number): Promise<void> {
    const misses = await this.checkIns.recentMisses(who, CHECK_IN_LIMITS.windowMinutes);
    if (misses >= limit) {
      throw new AppError('check_in_rate_limited', { headers: { 'Retry-After': String(CHECK_IN_LIMITS.windowMinutes * 60) } });
    }
  }

  /** The activity and day of a good code or pass; a wrong one counted as a miss, then refused on its field. */
  private async accepted(
    who: CheckInMisser,
    field: 'code' | 'pass',
    checked: CheckInTokenCheck,
  ): Promise<{ activityId: string; day: string }> {
    if (checked.ok) return checked;
    if (checked.reason === 'invalid') await this.checkIns.recordMiss(who);
    throw ValidationError.field(field, checked.reason === 'invalid' ? 'check_in_code_invalid' : 'check_in_code_expired');
  }
}

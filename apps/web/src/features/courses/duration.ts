import { listFormat, numberFormat } from '../../intl';

/**
 * A length of time in hours and minutes, in words of `locale` with its plural rules:
 * "45 minutes", "1 hour", "1 hour 30 minutes", "1 час 30 минут", "1小时30分钟".
 */
export function formatDuration(minutes: number, locale: string): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const unit = (value: number, name: 'hour' | 'minute') =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const parts = [hours ? unit(hours, 'hour') : '', rest || !hours ? unit(rest, 'minute') : ''].filter(Boolean);
  return listFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}

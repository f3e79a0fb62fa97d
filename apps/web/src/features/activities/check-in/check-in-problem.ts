import { ApiError } from '../../../api/api-error';

/**
 * What a refused check-in means for the person holding the phone: the code they scanned (or the
 * pass they got for it before signing in) has expired — they took too long — or is not a
 * check-in code at all. Either way the remedy is the organiser's screen, which the page says in
 * so many words. Undefined: another error, shown as any other.
 */
export function checkInProblem(error: unknown): 'expired' | 'invalid' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const code = (error.fieldErrors.code ?? error.fieldErrors.pass)?.code;
  if (code === 'check_in_code_expired') return 'expired';
  if (code === 'check_in_code_invalid') return 'invalid';
  return undefined;
}

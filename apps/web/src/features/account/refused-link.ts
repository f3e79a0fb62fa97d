import { ApiError } from '../../api/api-error';

/**
 * Whether the API refused the link's token itself (unknown, expired or already used), as opposed
 * to the new password or a passing failure (offline, busy): the page then says the link no longer
 * works and offers a new one, instead of an error beside the form.
 */
export function isRefusedLink(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if ('token' in error.fieldErrors) return true;
  if (error.status === 404 || error.status === 410) return true;
  // The token's own codes (`token_invalid`, `reset_token_expired`, …): see libs/contracts/src/errors.ts.
  return error.code !== undefined && /token|link/.test(error.code);
}

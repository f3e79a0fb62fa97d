import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../src/api/api-error';
import { isRefusedLink } from '../src/features/account/refused-link';

describe('isRefusedLink', () => {
  it('is true when the API refuses the token itself', () => {
    expect(isRefusedLink(new ApiError(400, 'validation_failed', {}, { token: { code: 'invalid_format' } }))).toBe(true);
    expect(isRefusedLink(new ApiError(404, 'not_found'))).toBe(true);
    expect(isRefusedLink(new ApiError(410, undefined))).toBe(true);
    expect(isRefusedLink(ApiError.fromBody(400, { code: 'token_invalid' }))).toBe(true);
  });

  it('is false for a password the API refuses, so the form shows why beside the field', () => {
    expect(isRefusedLink(new ApiError(400, 'validation_failed', {}, { password: { code: 'password_too_common' } }))).toBe(false);
  });

  it('is false for a passing failure, which the page offers to try again', () => {
    expect(isRefusedLink(ApiError.network())).toBe(false);
    expect(isRefusedLink(new ApiError(503, 'database_unavailable'))).toBe(false);
    expect(isRefusedLink(new ApiError(429, 'rate_limited'))).toBe(false);
    expect(isRefusedLink(new Error('boom'))).toBe(false);
    expect(isRefusedLink(undefined)).toBe(false);
  });
});

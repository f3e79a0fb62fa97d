import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { ApiTokenScope } from '@ctlp/contracts';

/** The Fastify route config key that names the scope a personal API token needs on that route. */
export const API_TOKEN_SCOPE_CONFIG = 'apiTokenScope' as const;

/**
 * This route also accepts a personal API token (`Authorization: Bearer ctlp_pat_…`) that holds
 * `scope`, acting as the token's owner. Routes without it refuse tokens: deny by default
 * (auth/api-token-auth.ts). The route's @Access rule still applies to the owner.
 */
export function AcceptsApiToken(scope: ApiTokenScope): MethodDecorator {
  return applyDecorators(RouteConfig({ [API_TOKEN_SCOPE_CONFIG]: scope }), ApiBearerAuth('api-token'));
}

import type { ApiTokenScope, ErrorBody, ErrorCode } from '@ctlp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_TOKEN_SCOPE_CONFIG } from '../access/api-token.decorator.js';
import { AppError } from '../common/app-error.js';
import { ERROR_CATALOG } from '../common/error-catalog.js';
import type { ApiTokenUse, ApiTokensService } from './api-tokens.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request was authenticated by a personal API token rather than a session. */
    apiToken?: ApiTokenUse;
  }
  interface FastifyContextConfig {
    /** The scope a personal API token needs on this route (@AcceptsApiToken); none: tokens refused. */
    [API_TOKEN_SCOPE_CONFIG]?: ApiTokenScope;
  }
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function refuse(reply: FastifyReply, code: ErrorCode): FastifyReply {
  const { status, message } = ERROR_CATALOG[code];
  const body: ErrorBody = {
    statusCode: status,
    error: status === 401 ? 'Unauthorized' : 'Forbidden',
    code,
    message: typeof message === 'string' ? message : message({}),
  };
  if (status === 401) void reply.header('WWW-Authenticate', 'Bearer');
  return reply.status(status).send(body);
}

/**
 * Personal API tokens (`Authorization: Bearer …`), as a Fastify onRequest hook registered before
 * the sessions. A Bearer request is a script's: its cookies are dropped before the session is
 * read, so a bearer header can never ride on a browser's session (nor a session on a bogus
 * token). Only routes marked @AcceptsApiToken take one; anywhere else it is refused (403). A token
 * that does not authenticate is refused (401). An accepted token sets `request.user` to its owner
 * as the owner is now, so the route's @Access rule and the owner's scope apply unchanged.
 * Other Authorization schemes (a proxy's Basic auth) are left alone.
 */
export function apiTokenAuthentication(tokens: Pick<ApiTokensService, 'authenticate'>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const header = request.headers.authorization;
    if (!header || !/^Bearer(\s|$)/i.test(header)) return undefined;
    delete request.headers.cookie;
    const scope = request.routeOptions.config?.[API_TOKEN_SCOPE_CONFIG];
    if (!scope) return refuse(reply, 'api_token_not_allowed');
    const token = BEARER.exec(header)?.[1];
    if (!token) return refuse(reply, 'api_token_invalid');
    try {
      const { user, token: use } = await tokens.authenticate(token, scope, {
        method: request.method,
        route: request.routeOptions.url ?? '',
        url: request.url,
      });
      request.user = user;
      request.apiToken = use;
      return undefined;
    } catch (error) {
      if (error instanceof AppError && error.code === 'api_token_invalid') return refuse(reply, 'api_token_invalid');
      throw error;
    }
  };
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { SessionStore as FastifySessionStore } from '@fastify/session';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../access/access.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SessionsRepository, type SessionDevice } from './sessions.repository.js';

export const SESSION_COOKIE = 'ctlp.sid';
/** A session lasts this long from sign-in, however active: an absolute limit, never extended. */
export const SESSION_HOURS = 12;

/** What Passport keeps in a session: the user's id. */
export interface PassportSessionValue {
  user: string;
}

/**
 * The user each session's Passport value pointed at when the session was read, in the same
 * query: SessionSerializer takes it from here instead of asking again. Keyed by the value object
 * itself, which the session keeps (and never saves, being outside it).
 */
const usersReadWithSessions = new WeakMap<object, SessionUser>();

export function userReadWithSession(value: unknown): SessionUser | undefined {
  return typeof value === 'object' && value !== null ? usersReadWithSessions.get(value) : undefined;
}

/**
 * Where each sign-in came from, keyed by the Passport value that sign-in put in its session
 * (SessionSerializer records it; the store writes it beside the session when it saves it). So the
 * device is written with the sign-in's own save — no extra statement, nothing per request.
 */
const devicesSigningIn = new WeakMap<object, SessionDevice>();

/** The longest User-Agent kept for the list of devices. */
const USER_AGENT_MAX = 256;

export function recordSignInDevice(value: PassportSessionValue, request: FastifyRequest): void {
  const userAgent = request.headers['user-agent'];
  devicesSigningIn.set(value, {
    userAgent: typeof userAgent === 'string' && userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    address: request.ip || null,
  });
}

type SessionData = { passport?: PassportSessionValue; cookie?: { expires?: string | Date | null } } & Record<string, unknown>;

/**
 * Sessions live in PostgreSQL (SessionsRepository), so any API replica can serve any signed-in
 * user: @fastify/session's store. Reading a session also reads the user it points at, in one query.
 */
@Injectable()
export class SessionStore implements FastifySessionStore, OnModuleInit {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {}

  get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.sessions.read(sid).then((found) => {
      if (!found) return callback(null, null);
      const data = found.data as SessionData;
      if (found.user && data.passport) usersReadWithSessions.set(data.passport, found.user);
      callback(null, data);
    }, callback);
  }

  set(sid: string, session: SessionData, callback: (error?: unknown) => void): void {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + SESSION_HOURS * 3600_000);
    const device = session.passport ? devicesSigningIn.get(session.passport) : undefined;
    this.sessions.save(sid, session, expires, session.passport?.user ?? null, device).then(() => callback(), callback);
  }

  destroy(sid: string, callback: (error?: unknown) => void): void {
    this.sessions.destroy(sid).then(() => callback(), callback);
  }

  onModuleInit(): void {
    // Sessions past their end are useless: removed every 15 minutes, on one replica.
    this.jobs.register({ name: 'prune-sessions', schedule: '7,22,37,52 * * * *', retryLimit: 1, handle: () => this.sessions.prune() });
  }
}

import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { LoginFailureEntity } from '../auth/login-failure.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { MemberStateEntity } from '../member-states/member-state.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** Every entity, listed once: the app, the CLI and the tests all read this. */
export const ENTITIES = [MemberStateEntity, UserEntity, AuditEventEntity, LoginFailureEntity, SessionEntity];

import type { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * The SELECT list of a SessionUser (a user without the password hash) over the alias `u`, each
 * column named as the entity's property — built from the entity, so it follows its columns. Enum
 * arrays are read as text[] so that pg parses them into arrays.
 */
export function sessionUserColumns(dataSource: DataSource): string {
  return dataSource
    .getMetadata(UserEntity)
    .columns.filter((column) => column.isSelect)
    .map((column) => `u.${column.databaseName}${column.isArray ? '::text[]' : ''} AS "${column.propertyName}"`)
    .join(', ');
}

// A SessionUser is exactly a users row without its password hash: this fails to compile when the
// entity and the interface drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SESSION_USER_MATCHES_ENTITY: Same<SessionUser, Omit<UserEntity, 'passwordHash' | 'memberStateRef' | 'vettedByRef'>> = true;

import fastifyPassport from '@fastify/passport';

/**
 * This app's Passport (from @fastify/passport): it keeps the session's user, and its
 * `initialize()` plugin gives requests `logIn`/`logOut`. One per app rather than the package's
 * shared instance, so two apps in one process (the replicas test) do not share serializers.
 */
export type Passport = InstanceType<typeof fastifyPassport.Authenticator>;
export const PASSPORT = Symbol('Passport');

export function createPassport(): Passport {
  return new fastifyPassport.Authenticator({ clearSessionOnLogin: true });
}

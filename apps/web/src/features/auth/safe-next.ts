/** Only paths of this site, so a crafted link cannot send a user elsewhere after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * Where to go once signed in or registered. An active account goes where it was headed; an
 * account waiting for vetting goes there too when it was sent by a link (a self check-in records
 * a pending official's attendance), else to the page that says what happens next; the route
 * guards send it to /pending from any page it may not use yet.
 */
export function afterSignIn(status: string, next: string | null): string {
  if (status === 'active') return safeNext(next);
  return next ? safeNext(next) : '/pending';
}

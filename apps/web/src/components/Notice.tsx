/**
 * A message that confirms what just happened ("Saved."). The status region is always there, so
 * screen readers announce the message when it appears; it takes no room while empty.
 */
export function Notice({ message }: { message?: string | undefined }) {
  return <div role="status">{message ? <p className="notice success">{message}</p> : null}</div>;
}

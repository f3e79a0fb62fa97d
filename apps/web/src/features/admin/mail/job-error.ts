/**
 * The last error of a failed job in one line, from what the queue recorded: its message when it
 * has one (a stack trace is for the logs), otherwise what was recorded, as JSON.
 */
export function jobErrorText(output: Record<string, unknown> | null | undefined): string {
  if (!output) return '';
  if (typeof output.message === 'string' && output.message.trim()) return output.message.trim();
  const { stack: _stack, ...rest } = output;
  return Object.keys(rest).length ? JSON.stringify(rest) : '';
}

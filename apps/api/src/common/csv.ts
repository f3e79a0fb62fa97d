/**
 * A cell that a spreadsheet program will not run as a formula (OWASP CSV injection): text starting
 * with =, +, -, @, tab or carriage return gets a leading apostrophe. Numbers stay numbers.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

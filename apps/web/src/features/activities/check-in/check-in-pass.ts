/**
 * The pass a signed-out person got for the code they scanned, kept for this tab (sessionStorage)
 * while they sign in or register, and sent instead of the code once they have: the code lives
 * about a minute, the pass 30. Not in the address, so a link passed on after the scan carries
 * only the code, which soon stops working. One pass at a time: a new scan replaces it.
 */
const KEY = 'ctlp.checkInPass';

interface Kept {
  code: string;
  pass: string;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage refused (a privacy setting): the check-in falls back to the code.
    return undefined;
  }
}

export function keepCheckInPass(code: string, pass: string): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ code, pass } satisfies Kept));
  } catch {
    // Full or refused: the code is sent instead.
  }
}

/**
 * The pass kept for this very code, else undefined. Whether it is still good is the API's to say
 * (a phone's clock may be off): an expired one is refused as an expired code is.
 */
export function checkInPassFor(code: string): string | undefined {
  try {
    const kept = JSON.parse(storage()?.getItem(KEY) ?? 'null') as Partial<Kept> | null;
    return kept && kept.code === code && typeof kept.pass === 'string' ? kept.pass : undefined;
  } catch {
    return undefined;
  }
}

/** Once it has been redeemed: a check-in is recorded and there is nothing left to stand for. */
export function forgetCheckInPass(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing to do.
  }
}

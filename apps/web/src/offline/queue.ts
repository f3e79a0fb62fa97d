import { createStore, get, set, update } from 'idb-keyval';
import type { ErrorCode } from '@ctlp/contracts';

/**
 * The one queue of writes made offline (CONVENTIONS "Offline"): kept in IndexedDB per user, sent
 * in order with their Idempotency-Key when the link returns, so a write is recorded once however
 * often it is sent. Sent and failed writes stay listed (the most recent few) with their outcome.
 */
export interface QueuedWrite {
  idempotencyKey: string;
  method: 'POST';
  url: string;
  body?: unknown;
  kind: 'complete' | 'attempt';
  courseId: string;
  lessonId: string;
  title: string;
  createdAt: string;
  state: 'waiting' | 'sent' | 'failed';
  sentAt?: string;
  /** A quiz attempt's outcome, once sent. */
  result?: { score: number; passed: boolean };
  error?: { status: number; code?: ErrorCode; params?: Record<string, unknown> };
}

const KEPT_DONE = 20;
const store = createStore('ctlp-offline', 'queue');
const keyOf = (userId: string) => `queue:${userId}`;

const listeners = new Set<() => void>();
const snapshots = new Map<string, QueuedWrite[]>();
const EMPTY: QueuedWrite[] = [];

async function reload(userId: string): Promise<void> {
  snapshots.set(userId, (await get<QueuedWrite[]>(keyOf(userId), store)) ?? EMPTY);
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: the user's queue as last read (loaded on first ask). */
export function queueSnapshot(userId: string | undefined): QueuedWrite[] {
  if (!userId) return EMPTY;
  const known = snapshots.get(userId);
  if (!known) {
    snapshots.set(userId, EMPTY);
    void reload(userId);
  }
  return known ?? EMPTY;
}

export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function change(userId: string, edit: (items: QueuedWrite[]) => QueuedWrite[]): Promise<void> {
  await update<QueuedWrite[]>(keyOf(userId), (items) => edit(items ?? []), store);
  await reload(userId);
}

export function enqueue(userId: string, write: Omit<QueuedWrite, 'state' | 'createdAt'>): Promise<void> {
  return change(userId, (items) => [...items, { ...write, state: 'waiting', createdAt: new Date().toISOString() }]);
}

/** A user's queue is forgotten when they sign out on this device. */
export async function forgetQueue(userId: string): Promise<void> {
  await set(keyOf(userId), [], store);
  await reload(userId);
}

/** Was a write sent but not answered (no network, or a server that cannot answer now)? Then it waits. */
function retryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

async function sendOne(write: QueuedWrite): Promise<Pick<QueuedWrite, 'state' | 'result' | 'error' | 'sentAt'> | 'wait'> {
  let response: Response;
  try {
    response = await fetch(write.url, {
      method: write.method,
      credentials: 'same-origin',
      headers: { 'Idempotency-Key': write.idempotencyKey, ...(write.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: write.body === undefined ? undefined : JSON.stringify(write.body),
    });
  } catch {
    return 'wait';
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const sentAt = new Date().toISOString();
  if (response.ok) {
    const result = typeof body.score === 'number' ? { score: body.score, passed: Boolean(body.passed) } : undefined;
    return { state: 'sent', sentAt, ...(result ? { result } : {}) };
  }
  if (retryable(response.status)) return 'wait';
  return {
    state: 'failed',
    sentAt,
    error: {
      status: response.status,
      code: body.code as ErrorCode | undefined,
      params: body.params as Record<string, unknown> | undefined,
    },
  };
}

let flushing: Promise<number> | undefined;

/**
 * Sends the user's waiting writes in order, each with its key; stops at the first that cannot be
 * sent now (it and those after it wait). A refusal (4xx) fails that write for good and goes on.
 * Resolves with how many were answered.
 */
export function flushQueue(userId: string): Promise<number> {
  // Offline, nothing can be sent: the 'online' event sends the queue when the link returns. (A
  // request tried anyway could still leave through the service worker and be recorded while the
  // page counts it as waiting.)
  if (!navigator.onLine) return Promise.resolve(0);
  flushing ??= (async () => {
    let answered = 0;
    try {
      for (;;) {
        const items = (await get<QueuedWrite[]>(keyOf(userId), store)) ?? [];
        const next = items.find((item) => item.state === 'waiting');
        if (!next) break;
        const outcome = await sendOne(next);
        if (outcome === 'wait') break;
        answered++;
        await change(userId, (all) => {
          const updated = all.map((item) => (item.idempotencyKey === next.idempotencyKey ? { ...item, ...outcome } : item));
          const done = updated.filter((item) => item.state !== 'waiting');
          const drop = new Set(done.slice(0, Math.max(0, done.length - KEPT_DONE)).map((item) => item.idempotencyKey));
          return updated.filter((item) => !drop.has(item.idempotencyKey));
        });
      }
    } finally {
      flushing = undefined;
    }
    return answered;
  })();
  return flushing;
}

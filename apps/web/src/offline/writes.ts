import { ApiError, send } from '../api/client';
import { enqueue, type QueuedWrite } from './queue';

type Write = Pick<QueuedWrite, 'url' | 'body' | 'kind' | 'courseId' | 'lessonId' | 'title'>;

/**
 * A learner's write, sent with a fresh Idempotency-Key (a retry after a lost answer is then safe),
 * or queued for later when the device is offline or the request never reached the platform.
 * Resolves with the API's answer, or null when queued.
 */
export async function sendOrQueue<T>(userId: string | undefined, write: Write): Promise<T | null> {
  const idempotencyKey = crypto.randomUUID();
  const queue = async () => {
    if (!userId) throw ApiError.network();
    await enqueue(userId, { ...write, idempotencyKey, method: 'POST' });
    return null;
  };
  if (!navigator.onLine) return queue();
  try {
    return await send<T>(write.url, {
      method: 'POST',
      headers: { 'Idempotency-Key': idempotencyKey, ...(write.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: write.body === undefined ? undefined : JSON.stringify(write.body),
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) return queue();
    throw error;
  }
}

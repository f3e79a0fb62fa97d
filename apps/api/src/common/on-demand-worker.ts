import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';

/** A worker with no job for this long ends: starting one again costs 0.1–0.7 s (its modules, fonts or dictionaries). */
const IDLE_MS = 60_000;

type Reply<Result> = { id: number; result: Result } | { id: number; error: { message: string; stack?: string } };

/**
 * Work kept out of the API's thread and heap (certificate PDFs, password strength): one worker
 * thread, started by the first job and ended after `idleMs` without one, so what it loads (fonts,
 * dictionaries) is memory only while it is used. Jobs queue in the worker, in order. A job that
 * throws fails alone; a worker that dies (its heap cap) fails the jobs it held, and the next job
 * starts another.
 */
export class OnDemandWorker<Job, Result> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: URL,
    private readonly options: { name: string; resourceLimits?: ResourceLimits; idleMs?: number },
  ) {}

  /** How many jobs are running or waiting (for tests). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Whether a worker is running (for tests). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  run(job: Job): Promise<Result> {
    const worker = this.started();
    const id = ++this.nextId;
    clearTimeout(this.idle);
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Ends the worker; jobs still waiting fail. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(new Error('The API is stopping'));
    this.pending.clear();
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.url, { name: this.options.name, resourceLimits: this.options.resourceLimits });
    // Idle, it does not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply<Result>) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if ('error' in reply) job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      else job.resolve(reply.result);
      if (!this.pending.size) this.idle = setTimeout(() => this.stopIdle(worker), this.options.idleMs ?? IDLE_MS).unref();
    });
    const failed = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`The ${this.options.name} worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopIdle(worker: Worker): void {
    if (this.worker !== worker || this.pending.size) return;
    this.worker = undefined;
    void worker.terminate();
  }
}

/** In the worker's module: answers each job of an OnDemandWorker with `handle(job)`. */
export function serveJobs<Job, Result>(handle: (job: Job) => Result | Promise<Result>): void {
  parentPort?.on('message', ({ id, job }: { id: number; job: Job }) => {
    Promise.resolve()
      .then(() => handle(job))
      .then(
        (result) => parentPort!.postMessage({ id, result } satisfies Reply<Result>),
        (error: Error) =>
          parentPort!.postMessage({ id, error: { message: String(error?.message), stack: error?.stack } } satisfies Reply<Result>),
      );
  });
}

/**
 * The compiled module `file` next to `from` (its import.meta.url). Under Jest the modules are
 * TypeScript sources, which a worker thread cannot load: undefined there, and the caller does the
 * work in its own thread (the same function the worker runs).
 */
export function compiledWorker(from: string, file: string): URL | undefined {
  return from.endsWith('.js') ? new URL(file, from) : undefined;
}

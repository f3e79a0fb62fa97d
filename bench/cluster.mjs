// `BENCH_PROCESSES=2 npm run bench`: the API as N processes sharing one port (node:cluster; the
// primary hands each connection to the next worker in turn), to measure how reads and writes scale
// with processes on the bench's machine. Each worker is apps/api/dist/main.js as production runs it,
// with its own pool; sessions and jobs live in PostgreSQL, so any worker serves any request.
import cluster from 'node:cluster';
import path from 'node:path';

const processes = Number(process.env.BENCH_PROCESSES ?? 2);
if (cluster.isPrimary) {
  for (let i = 0; i < processes; i++) cluster.fork();
  // The bench stops the API with SIGTERM: each worker finishes its requests and exits.
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  });
  cluster.on('exit', () => {
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
  });
} else {
  await import(path.resolve(import.meta.dirname, '../apps/api/dist/main.js'));
}

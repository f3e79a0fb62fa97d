// A worker for OnDemandWorker's tests: answers each job with the job itself.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, job }) => parentPort.postMessage({ id, result: job }));

import { serveJobs } from '../common/on-demand-worker.js';
import { estimate, type Estimate } from './password-strength.js';

/** The thread that estimates password strength (passwords.ts): zxcvbn's dictionaries live in its heap, and a 25 ms check does not hold the API's. */
serveJobs<{ password: string; words: string[] }, Estimate>((job) => estimate(job.password, job.words));

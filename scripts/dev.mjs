// `npm run dev`: the API recompiled and restarted on change, and Vite with hot reload proxying
// /api to it. Ctrl-C stops all of them.
import { spawn, spawnSync } from 'node:child_process';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0 || process.exit(1);
run('npm', ['run', 'build', '-w', '@ctlp/contracts']);
run('npx', ['tsc', '-p', 'apps/api/tsconfig.build.json']);

const children = [
  spawn('npx', ['tsc', '-p', 'apps/api/tsconfig.build.json', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
  spawn('node', ['--watch', 'apps/api/dist/main.js'], { stdio: 'inherit', env: { ...process.env, WEB_DIST: '/nonexistent' } }),
  spawn('npm', ['run', 'dev', '-w', '@ctlp/web'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) => child.on('exit', (code) => code && stop()));

import { Init1795412316658 } from './1795412316658-init.js';

// Migrations in the order they run. `npm run db:migration:generate -- Name` writes a new file;
// add its class here.
export const MIGRATIONS: Function[] = [Init1795412316658];

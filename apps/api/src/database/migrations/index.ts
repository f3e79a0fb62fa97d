import { Init1795412316658 } from './1795412316658-init.js';
import { Courses1795413953977 } from './1795413953977-courses.js';

// Migrations in the order they run. `npm run db:migration:generate -- Name` writes a new file;
// add its class here.
export const MIGRATIONS: Function[] = [Init1795412316658, Courses1795413953977];

export * from './enums.js';
export type { paths, components, operations } from './api-types.js';
export * from './errors.js';
export * from './intl.js';

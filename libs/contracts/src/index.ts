export * from './enums.js';
export type { paths, components, operations } from './api-types.js';

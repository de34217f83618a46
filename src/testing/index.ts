// `tiktok-ad-auth/testing`: tools for testing stores and code that embeds the library.
// Needs `fast-check` (an optional peer dependency) at run time.
export { storeConformanceChecks } from './conformance.js';
export type { ConformanceCheck, ConformanceOptions, StoreFactory, StoreFactoryOptions, StoreHandle } from './types.js';
export { TABLES } from '../storage/tables.js';
export { CONFORMANCE_TABLES } from './rows.js';
export { arbitraries } from './arbitraries.js';

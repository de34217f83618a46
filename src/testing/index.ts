// `tiktok-ad-auth/testing`: tools for testing stores and code that embeds the library.
// Needs `fast-check` (an optional peer dependency) at run time.
export { storeConformanceChecks, sparkCodeConformanceChecks, adsConformanceChecks, businessCenterConformanceChecks, type ConformanceCheck, type ConformanceOptions, type StoreFactory, type StoreHandle } from './conformance.js';
export { failingStore, type FailingStore, type FailingStoreOptions } from './failing-store.js';
export { arbitraries } from './arbitraries.js';

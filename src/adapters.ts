/**
 * `tiktok-ad-auth/adapters`: for writing a store, and for tools that read what a store holds.
 * The storage port (`Store`, `Transaction`, tables and indexes, events before their `seq`),
 * `readAllEvents` (every event of a store, page after page),
 * every table of the library (`TABLES`, to create storage up front), and the functions that
 * compute the lookup keys the tables hold (`adCodeDigest`, `qrTokenDigest`, `identityKey`).
 *
 * An app passes a store to the services and needs no more than `Store` and `readAllEvents` from
 * here (`memoryStore()` is in `tiktok-ad-auth`, `postgresStore()` in `tiktok-ad-auth/postgres`).
 * This entry point loads no fast-check: the conformance suite that checks a new adapter is in
 * `tiktok-ad-auth/testing`.
 *
 * @example
 * ```ts
 * import { TABLES, type Store, type TableDef } from 'tiktok-ad-auth/adapters';
 *
 * function createTable(table: TableDef<never>): string {
 *   const indexes = Object.entries(table.indexes).map(([name, index]) => `${name}(${index.parts.join(', ')})`);
 *   return `${table.name}: ${indexes.join('; ')}`;
 * }
 * for (const table of TABLES) console.log(createTable(table));
 * export function myStore(): Store { ... } // checked by storeConformanceChecks from 'tiktok-ad-auth/testing'
 * ```
 *
 * @packageDocumentation
 */

// The storage port
export type {
  Store,
  StoreReader,
  Transaction,
  TableDef,
  IndexDef,
  IndexRange,
  IndexValue,
  IndexPartType,
  ReadEventsQuery,
  StoreDump,
  StatementHook,
} from './ports/store.js';
export type { NewEvent } from './kernel/events.js';
export { readAllEvents } from './storage/events.js';

// The library's tables and the lookup keys they hold
export { TABLES } from './storage/tables.js';
export { adCodeDigest } from './spark-codes/ad-code.js';
export { qrTokenDigest } from './business-center/qr-token.js';
export { identityKey } from './ads/ads.rules.js';

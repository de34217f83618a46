// The PostgreSQL schema: tables, indexes and constraints only (no functions, no triggers, no
// rule in SQL). Version 1 is `TABLES` (src/storage/tables.ts) written out as sql-tables.ts lays a
// TableDef out, plus the store's own tables. A released migration is never edited: a later
// library version appends one with the next version number that only adds (a table, a column,
// an index). postgres-store.test.ts checks that the migrated schema has every table, column and
// index of `TABLES`, and prints the DDL of whatever is missing.
import type { Migration } from './migrations.js';

/** Version 1: the store's own tables and every table of `TABLES`. */
const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: (s) => `
-- The latest instant marked under each lock key (Transaction.lastInstant / markInstant).
CREATE TABLE ${s}.lock_instants (
  key text COLLATE "C" PRIMARY KEY,
  at timestamptz NOT NULL
);

-- The outbox. seq = max(seq) + 1… under an advisory lock held until commit: seq order is commit order.
CREATE TABLE ${s}.events (
  seq bigint PRIMARY KEY,
  id text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  subject jsonb NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE ${s}.spark_codes (
  key text COLLATE "C" PRIMARY KEY,
  by_digest_0 text COLLATE "C",
  by_video_0 text COLLATE "C",
  by_video_1 double precision,
  by_creator_0 text COLLATE "C",
  by_creator_1 double precision,
  by_expiry_0 double precision,
  unswept_0 double precision,
  data jsonb NOT NULL
);
CREATE UNIQUE INDEX spark_codes_by_digest ON ${s}.spark_codes (by_digest_0) WHERE by_digest_0 IS NOT NULL;
CREATE INDEX spark_codes_by_video ON ${s}.spark_codes
  (by_video_0, by_video_1, key) WHERE by_video_0 IS NOT NULL;
CREATE INDEX spark_codes_by_creator ON ${s}.spark_codes
  (by_creator_0, by_creator_1, key) WHERE by_creator_0 IS NOT NULL;
CREATE INDEX spark_codes_by_expiry ON ${s}.spark_codes (by_expiry_0, key) WHERE by_expiry_0 IS NOT NULL;
CREATE INDEX spark_codes_unswept ON ${s}.spark_codes (unswept_0, key) WHERE unswept_0 IS NOT NULL;

CREATE TABLE ${s}.spark_library (
  key text COLLATE "C" PRIMARY KEY,
  by_account_0 text COLLATE "C",
  by_account_1 double precision,
  by_code_0 text COLLATE "C",
  by_code_1 double precision,
  data jsonb NOT NULL
);
CREATE INDEX spark_library_by_account ON ${s}.spark_library
  (by_account_0, by_account_1, key) WHERE by_account_0 IS NOT NULL;
CREATE INDEX spark_library_by_code ON ${s}.spark_library
  (by_code_0, by_code_1, key) WHERE by_code_0 IS NOT NULL;

CREATE TABLE ${s}.spark_failed_searches (
  key text COLLATE "C" PRIMARY KEY,
  by_account_0 text COLLATE "C",
  by_account_1 double precision,
  data jsonb NOT NULL
);
CREATE INDEX spark_failed_searches_by_account ON ${s}.spark_failed_searches
  (by_account_0, by_account_1, key) WHERE by_account_0 IS NOT NULL;

CREATE TABLE ${s}.ads (
  key text COLLATE "C" PRIMARY KEY,
  by_account_0 text COLLATE "C",
  by_account_1 double precision,
  by_code_0 text COLLATE "C",
  by_code_1 double precision,
  spark_by_account_0 text COLLATE "C",
  by_identity_0 text COLLATE "C",
  at_risk_0 text COLLATE "C",
  at_risk_1 double precision,
  asset_authorized_0 double precision,
  data jsonb NOT NULL
);
CREATE INDEX ads_by_account ON ${s}.ads (by_account_0, by_account_1, key) WHERE by_account_0 IS NOT NULL;
CREATE INDEX ads_by_code ON ${s}.ads (by_code_0, by_code_1, key) WHERE by_code_0 IS NOT NULL;
CREATE INDEX ads_spark_by_account ON ${s}.ads (spark_by_account_0, key) WHERE spark_by_account_0 IS NOT NULL;
CREATE INDEX ads_by_identity ON ${s}.ads (by_identity_0, key) WHERE by_identity_0 IS NOT NULL;
CREATE INDEX ads_at_risk ON ${s}.ads (at_risk_0, at_risk_1, key) WHERE at_risk_0 IS NOT NULL;
CREATE INDEX ads_asset_authorized ON ${s}.ads (asset_authorized_0, key) WHERE asset_authorized_0 IS NOT NULL;

CREATE TABLE ${s}.top_ads_popups (
  key text COLLATE "C" PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE ${s}.bc_link_requests (
  key text COLLATE "C" PRIMARY KEY,
  by_digest_0 text COLLATE "C",
  open_by_business_center_0 text COLLATE "C",
  open_by_business_center_1 double precision,
  data jsonb NOT NULL
);
CREATE UNIQUE INDEX bc_link_requests_by_digest ON ${s}.bc_link_requests
  (by_digest_0) WHERE by_digest_0 IS NOT NULL;
CREATE INDEX bc_link_requests_open_by_business_center ON ${s}.bc_link_requests
  (open_by_business_center_0, open_by_business_center_1, key) WHERE open_by_business_center_0 IS NOT NULL;

CREATE TABLE ${s}.bc_links (
  key text COLLATE "C" PRIMARY KEY,
  active_by_business_center_0 text COLLATE "C",
  active_by_business_center_1 double precision,
  active_by_account_0 text COLLATE "C",
  active_by_account_1 double precision,
  active_pair_0 text COLLATE "C",
  active_pair_1 text COLLATE "C",
  data jsonb NOT NULL
);
CREATE INDEX bc_links_active_by_business_center ON ${s}.bc_links
  (active_by_business_center_0, active_by_business_center_1, key) WHERE active_by_business_center_0 IS NOT NULL;
CREATE INDEX bc_links_active_by_account ON ${s}.bc_links
  (active_by_account_0, active_by_account_1, key) WHERE active_by_account_0 IS NOT NULL;
CREATE UNIQUE INDEX bc_links_active_pair ON ${s}.bc_links
  (active_pair_0, active_pair_1) WHERE active_pair_0 IS NOT NULL;

CREATE TABLE ${s}.bc_assignments (
  key text COLLATE "C" PRIMARY KEY,
  by_link_0 text COLLATE "C",
  by_link_1 double precision,
  by_ad_account_0 text COLLATE "C",
  by_ad_account_1 double precision,
  by_account_and_ad_account_0 text COLLATE "C",
  by_account_and_ad_account_1 text COLLATE "C",
  data jsonb NOT NULL
);
CREATE INDEX bc_assignments_by_link ON ${s}.bc_assignments
  (by_link_0, by_link_1, key) WHERE by_link_0 IS NOT NULL;
CREATE INDEX bc_assignments_by_ad_account ON ${s}.bc_assignments
  (by_ad_account_0, by_ad_account_1, key) WHERE by_ad_account_0 IS NOT NULL;
CREATE INDEX bc_assignments_by_account_and_ad_account ON ${s}.bc_assignments
  (by_account_and_ad_account_0, by_account_and_ad_account_1, key) WHERE by_account_and_ad_account_0 IS NOT NULL;

CREATE TABLE ${s}.owned_accounts (
  key text COLLATE "C" PRIMARY KEY,
  by_username_0 text COLLATE "C",
  data jsonb NOT NULL
);
CREATE UNIQUE INDEX owned_accounts_by_username ON ${s}.owned_accounts
  (by_username_0) WHERE by_username_0 IS NOT NULL;

CREATE TABLE ${s}.owned_account_members (
  key text COLLATE "C" PRIMARY KEY,
  by_account_0 text COLLATE "C",
  by_account_1 double precision,
  data jsonb NOT NULL
);
CREATE INDEX owned_account_members_by_account ON ${s}.owned_account_members
  (by_account_0, by_account_1, key) WHERE by_account_0 IS NOT NULL;

-- extensions (issue 13)
CREATE TABLE ${s}.extension_asks (
  key text COLLATE "C" PRIMARY KEY,
  by_creator_0 text COLLATE "C",
  by_creator_1 double precision,
  by_account_0 text COLLATE "C",
  by_account_1 double precision,
  open_by_pair_0 text COLLATE "C",
  open_by_pair_1 text COLLATE "C",
  open_by_pair_2 double precision,
  data jsonb NOT NULL
);
CREATE INDEX extension_asks_by_creator ON ${s}.extension_asks
  (by_creator_0, by_creator_1, key) WHERE by_creator_0 IS NOT NULL;
CREATE INDEX extension_asks_by_account ON ${s}.extension_asks
  (by_account_0, by_account_1, key) WHERE by_account_0 IS NOT NULL;
CREATE INDEX extension_asks_open_by_pair ON ${s}.extension_asks
  (open_by_pair_0, open_by_pair_1, open_by_pair_2, key) WHERE open_by_pair_0 IS NOT NULL;

CREATE TABLE ${s}.reminders (
  key text COLLATE "C" PRIMARY KEY,
  by_code_0 text COLLATE "C",
  by_code_1 double precision,
  data jsonb NOT NULL
);
CREATE INDEX reminders_by_code ON ${s}.reminders
  (by_code_0, by_code_1, key) WHERE by_code_0 IS NOT NULL;
-- end extensions

-- --- batches and portfolio (issue 14) ---
ALTER TABLE ${s}.spark_codes
  ADD COLUMN by_creator_end_0 text COLLATE "C",
  ADD COLUMN by_creator_end_1 double precision;
CREATE INDEX spark_codes_by_creator_end ON ${s}.spark_codes
  (by_creator_end_0, by_creator_end_1, key) WHERE by_creator_end_0 IS NOT NULL;
ALTER TABLE ${s}.spark_library
  ADD COLUMN by_account_end_0 text COLLATE "C",
  ADD COLUMN by_account_end_1 double precision;
CREATE INDEX spark_library_by_account_end ON ${s}.spark_library
  (by_account_end_0, by_account_end_1, key) WHERE by_account_end_0 IS NOT NULL;

CREATE TABLE ${s}.batch_items (
  key text COLLATE "C" PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE ${s}.top_ads_withdrawal_confirmations (
  key text COLLATE "C" PRIMARY KEY,
  data jsonb NOT NULL
);
-- end batches and portfolio

-- --- lifecycle (issue 13) ---
ALTER TABLE ${s}.ads
  ADD COLUMN live_by_video_0 text COLLATE "C",
  ADD COLUMN live_by_account_0 text COLLATE "C",
  ADD COLUMN live_by_account_1 text COLLATE "C";
CREATE INDEX ads_live_by_video ON ${s}.ads (live_by_video_0, key) WHERE live_by_video_0 IS NOT NULL;
CREATE INDEX ads_live_by_account ON ${s}.ads
  (live_by_account_0, live_by_account_1, key) WHERE live_by_account_0 IS NOT NULL;

CREATE TABLE ${s}.ad_dependency_states (
  key text COLLATE "C" PRIMARY KEY,
  data jsonb NOT NULL
);
-- end lifecycle

-- requests (issue 13)
CREATE TABLE ${s}.brand_requests (
  key text COLLATE "C" PRIMARY KEY,
  by_ad_account_0 text COLLATE "C",
  by_ad_account_1 double precision,
  by_creator_0 text COLLATE "C",
  by_creator_1 double precision,
  open_by_ad_account_0 text COLLATE "C",
  open_by_ad_account_1 double precision,
  open_by_creator_0 text COLLATE "C",
  open_by_creator_1 double precision,
  by_code_0 text COLLATE "C",
  data jsonb NOT NULL
);
CREATE INDEX brand_requests_by_ad_account ON ${s}.brand_requests
  (by_ad_account_0, by_ad_account_1, key) WHERE by_ad_account_0 IS NOT NULL;
CREATE INDEX brand_requests_by_creator ON ${s}.brand_requests
  (by_creator_0, by_creator_1, key) WHERE by_creator_0 IS NOT NULL;
CREATE INDEX brand_requests_open_by_ad_account ON ${s}.brand_requests
  (open_by_ad_account_0, open_by_ad_account_1, key) WHERE open_by_ad_account_0 IS NOT NULL;
CREATE INDEX brand_requests_open_by_creator ON ${s}.brand_requests
  (open_by_creator_0, open_by_creator_1, key) WHERE open_by_creator_0 IS NOT NULL;
CREATE UNIQUE INDEX brand_requests_by_code ON ${s}.brand_requests
  (by_code_0) WHERE by_code_0 IS NOT NULL;
-- end requests
`,
};

/**
 * Every migration the library ships, in version order.
 *
 * @example
 * ```ts
 * await applyMigrations(db, 'tiktok_ad_auth', MIGRATIONS, 5);
 * ```
 */
export const MIGRATIONS: readonly Migration[] = [initialSchema];

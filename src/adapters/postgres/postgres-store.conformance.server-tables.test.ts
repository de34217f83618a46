/// <reference types="node" />
// The store conformance suite on the PostgreSQL server of DATABASE_URL: tables and transactions.
import { conformanceOnServer } from '../../../test/pg-conformance.js';

conformanceOnServer(['tables', 'transactions']);

/// <reference types="node" />
// The store conformance suite on the PostgreSQL server of DATABASE_URL: races and clock skew.
import { conformanceOnServer } from '../../../test/pg-conformance.js';

conformanceOnServer(['races and clock skew']);

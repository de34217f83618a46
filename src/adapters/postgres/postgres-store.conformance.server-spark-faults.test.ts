/// <reference types="node" />
// The store conformance suite on the PostgreSQL server of DATABASE_URL: faults in Spark code workflows.
import { conformanceOnServer } from '../../../test/pg-conformance.js';

conformanceOnServer(['spark faults']);

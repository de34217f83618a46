/// <reference types="node" />
// The store conformance suite on PGlite (one in-memory database for the file): faults in every
// workflow, races and clock skew.
import { conformanceOnPGlite } from '../../../test/pg-conformance.js';

conformanceOnPGlite(['spark faults', 'other faults', 'races and clock skew']);

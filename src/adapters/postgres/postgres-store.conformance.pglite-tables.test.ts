/// <reference types="node" />
// The store conformance suite on PGlite (one in-memory database for the file): tables and transactions.
import { conformanceOnPGlite, partsCoverTheSuite } from '../../../test/pg-conformance.js';

partsCoverTheSuite();
conformanceOnPGlite(['tables', 'transactions']);

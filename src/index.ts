// The public surface of `tiktok-ad-auth`. Curated named exports only (no `export *`).

// Kernel
export { Ok, Err, Result } from './kernel/result.js';
export type { Brand } from './kernel/brand.js';
export type { CreatorId, VideoId, AdAccountId, UserId, AdCodeId, EventId } from './kernel/ids.js';
export { DAY_MS, HOUR_MS, plusDays, plusMs, isWithin } from './kernel/time.js';
export { decide, type Decision, type Violation } from './kernel/decision.js';
export { RULES, ruleInfo, type RuleId, type RuleInfo, type RuleSource } from './kernel/rule-catalogue.js';
export type { ValidationError, ValidationIssue, StorageError, DeniedError, NotFoundError } from './kernel/errors.js';
export { SYSTEM_ACTOR, type Actor, type DomainEvent, type NewEvent } from './kernel/events.js';
export { DEFAULT_POLICY, definePolicy, policySchema, type Policy, type PolicyInput } from './kernel/policy.js';

// Ports
export type { Clock } from './ports/clock.js';
export type { RandomSource } from './ports/random-source.js';
export type { EventLog, ReadEventsQuery } from './ports/event-log.js';
export type {
  SparkCodeStore, InsertCodeOutcome, SearchLookup, SearchLookupQuery, ConfirmOutcome, RevokeOutcome,
} from './ports/spark-code-store.js';

// Adapters
export { systemClock } from './adapters/clock/system-clock.js';
export { manualClock, type ManualClock } from './adapters/clock/manual-clock.js';
export { webCryptoRandom } from './adapters/random/web-crypto-random.js';
export { seededRandom } from './adapters/random/seeded-random.js';
export { memoryStore, type Store } from './adapters/memory/memory-store.js';

// Spark Ads authorization codes
export { parseAdCode, hasValidChecksum, adCodeDigest, adCodeFingerprint, type AdCode, type AdCodeFormatError, type AdCodeFormatProblem } from './spark-codes/ad-code.js';
export type {
  AccountType, VideoVisibility, VideoMusic, CreatorFacts, VideoFacts, AdvertiserFacts, VideoPreview, AdCodeRecord, LibraryEntry, AdCodeStatus, AdCodeSummary,
} from './spark-codes/spark-codes.model.js';
export {
  canGenerateAdCode, canApplyAdCode, isInForce, adCodeStatusAt, summarizeAdCode, type GenerateFacts, type ApplyFacts, type CodeTimes,
} from './spark-codes/spark-codes.rules.js';
export {
  creatorFactsSchema, videoFactsSchema, advertiserFactsSchema, generateCodeInputSchema, showCodeInputSchema, searchCodeInputSchema,
  confirmCodeInputSchema, revokeCodeInputSchema, codeStatusInputSchema, listExpiringInputSchema,
  type GenerateCodeInput, type ShowCodeInput, type SearchCodeInput, type ConfirmCodeInput, type RevokeCodeInput, type CodeStatusInput, type ListExpiringInput,
} from './spark-codes/spark-codes.schemas.js';
export {
  toBusinessApiError, type BusinessApiError, type SearchThrottledError, type GenerateCodeError, type ShowCodeError, type SearchCodeError,
  type ConfirmCodeError, type RevokeCodeError, type QueryError,
} from './spark-codes/spark-codes.errors.js';
export type {
  SparkEvent, CodeGeneratedEvent, AuthorizationConfirmedEvent, CodeRevokedEvent, CodeExpiredEvent, CodeSearchFailedEvent,
} from './spark-codes/spark-codes.events.js';
export {
  createSparkCodes, type SparkCodes, type SparkCodesOptions, type GeneratedCode, type CodeSearchResult, type ConfirmResult, type RevokeResult, type LibraryEntryView,
} from './spark-codes/spark-codes.service.js';

import { Err, Ok, type Result } from '../kernel/result.js';
import {
  denied,
  notFound,
  type DeniedError,
  type NotFoundError,
  type StorageError,
  type ValidationError,
} from '../kernel/errors.js';
import { advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { plusDays, plusMs } from '../kernel/time.js';
import { parseInput } from '../kernel/validation.js';
import { randomId } from '../kernel/crypto.js';
import { isInForce } from '../kernel/authorization.js';
import type { StoreReader } from '../ports/store.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, brandRequestsTable, codesTable, libraryTable } from '../storage/tables.js';
import type { AdRef } from '../ads/ads.model.js';
import { adStatusAt } from '../ads/ads.rules.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import { adCodeStatusAt } from '../spark-codes/spark-codes.rules.js';
import { codeInForceForVideo, previewOf } from '../spark-codes/spark-codes.workflows.js';
import type {
  BrandRequestId,
  BrandRequestRecord,
  BrandRequestStatus,
  BrandRequestView,
  CreatorLedgerPage,
  LedgerEntry,
} from './requests.model.js';
import { canAcceptRequest, canRequestAuthorization, notPending, requestStatusAt } from './requests.rules.js';
import {
  acceptRequestInputSchema,
  cancelRequestInputSchema,
  creatorLedgerInputSchema,
  declineRequestInputSchema,
  listRequestsOptionsSchema,
  requestAuthorizationInputSchema,
  requestPartySchema,
  type AcceptRequestInput,
  type CancelRequestInput,
  type CreatorLedgerInput,
  type DeclineRequestInput,
  type ListRequestsOptions,
  type RequestAuthorizationInput,
  type RequestParty,
} from './requests.schemas.js';
import {
  requestEvent,
  type RequestAcceptedEvent,
  type RequestCancelledEvent,
  type RequestCreatedEvent,
  type RequestDeclinedEvent,
} from './requests.events.js';

/**
 * What `createBrandRequests` takes: a store, and optionally a clock, a random source and a policy.
 *
 * @example
 * ```ts
 * const options: BrandRequestsOptions = { store: memoryStore(), clock: systemClock() };
 * ```
 */
export type BrandRequestsOptions = ServiceOptions;

/**
 * Errors of the brand request workflows: bad input, a refusal listing every violation, an
 * unknown request (or another party's, reported alike), or a storage failure.
 *
 * @example
 * ```ts
 * const r = await requests.cancelRequest({ adAccountId: 'adv-1', requestId });
 * if (r.isErr() && r.error.code === 'denied') console.log(r.error.violations.map((v) => v.code));
 * ```
 */
export type BrandRequestError = ValidationError | DeniedError | NotFoundError | StorageError;

/**
 * Result of `acceptRequest`: the request as accepted, and the authorization it made.
 *
 * @example
 * ```ts
 * const { authorization, entry }: AcceptedRequest = (await requests.acceptRequest(input)).unwrap();
 * await ads.createAd({ ...ad, identity: { type: 'AUTH_CODE', codeId: authorization.id } });
 * ```
 */
export interface AcceptedRequest {
  readonly request: BrandRequestView;
  /** The authorization, origin `REQUEST`, with no code to share (REQ-03). */
  readonly authorization: AdCodeRecord;
  /** The post in the requesting ad account's library: the only ad account it authorizes. */
  readonly entry: LibraryEntry;
}

/**
 * Brand requests and the creator's ledger (REQ-01..04). Create with `createBrandRequests`.
 *
 * @example
 * ```ts
 * const requests: BrandRequests = createBrandRequests({ store, clock });
 * ```
 */
export interface BrandRequests {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * An ad account asks a creator to authorize a video for a period (REQ-01; default
   * `defaultRequestPeriodDays`, 365), while it has fewer than `maxPendingRequests` pending (REQ-02).
   */
  requestAuthorization(input: RequestAuthorizationInput): Promise<Result<BrandRequestView, BrandRequestError>>;
  /**
   * The creator accepts (REQ-03): the video's eligibility is checked now (SPARK-01..06, and
   * SPARK-12: no code or accepted request in force for it), and an authorization of origin
   * `REQUEST` is made for the requesting ad account only. From then on it is revoked, expires,
   * is extended and runs ads exactly as a code.
   */
  acceptRequest(input: AcceptRequestInput): Promise<Result<AcceptedRequest, BrandRequestError>>;
  /** The creator declines a pending request. */
  declineRequest(input: DeclineRequestInput): Promise<Result<BrandRequestView, BrandRequestError>>;
  /** The ad account cancels a pending request it sent. */
  cancelRequest(input: CancelRequestInput): Promise<Result<BrandRequestView, BrandRequestError>>;
  /**
   * A creator's received or an ad account's sent requests, newest first, with their status now;
   * only those of `status` when given; at most `limit` (default 100). `PENDING` reads only the
   * open requests (at most `maxPendingRequests` for an ad account); another status reads the
   * party's requests newest first until `limit` of them match.
   */
  listRequests(
    party: RequestParty,
    options?: ListRequestsOptions,
  ): Promise<Result<readonly BrandRequestView[], ValidationError | StorageError>>;
  /**
   * Every authorization the creator granted, by code or by request, newest first, with its
   * status, end, extensions, the ad accounts using it and its ads' states (REQ-04). Paged:
   * pass `nextCursor` back as `cursor`.
   */
  creatorLedger(input: CreatorLedgerInput): Promise<Result<CreatorLedgerPage, ValidationError | StorageError>>;
}

const DEFAULT_LIMIT = 100;
/** How many rows a filtered listing reads at a time. */
const SCAN_PAGE = 200;

const lockOfRequest = (id: string) => `brandreq:${id}`;
const lockOfPending = (adAccountId: string) => `brandreqs:${adAccountId}`;

function view(request: BrandRequestRecord, at: Date): BrandRequestView {
  return { ...request, status: requestStatusAt(request, at) };
}

/** An ad's reference with its status read at `at` (an expiry not yet swept applied). */
function adRefAt(ad: Parameters<typeof adStatusAt>[0] & Pick<AdRef, 'id' | 'adAccountId'>, at: Date): AdRef {
  const s = adStatusAt(ad, at);
  const base = { id: ad.id, adAccountId: ad.adAccountId, status: s.status, statusChangedAt: s.since };
  return s.reason === undefined ? base : { ...base, statusReason: s.reason };
}

/** A parsed ledger cursor: the instant and id of the last authorization returned. */
function parseCursor(cursor: string): { readonly t: number; readonly id: string } {
  const sep = cursor.indexOf('~');
  return { t: Number(cursor.slice(0, sep)), id: cursor.slice(sep + 1) };
}

/**
 * Creates the brand requests service (REQ-01..04) over a store, a clock and a random source.
 * Throws a `TypeError` naming the option when an option is wrong.
 *
 * @example
 * ```ts
 * import { createBrandRequests, memoryStore, manualClock } from 'tiktok-ad-auth';
 * const requests = createBrandRequests({ store: memoryStore(), clock: manualClock(new Date('2026-03-01T12:00:00Z')) });
 * const sent = await requests.requestAuthorization({
 *   advertiser: { adAccountId: 'adv-1' }, creatorId: 'tt-dana', videoId: 'v1', periodDays: 30,
 * });
 * if (sent.isOk()) console.log(sent.value.status); // 'PENDING'
 * ```
 */
export function createBrandRequests(options: BrandRequestsOptions): BrandRequests {
  const { store, clock, random, policy } = resolveOptions('createBrandRequests', options);
  const eventId = () => randomId(random, 'evt_', 16);

  /** The request, when it exists and belongs to `owns`; another party's is reported as missing. */
  async function findRequest(
    requestId: BrandRequestId,
    owns: (r: BrandRequestRecord) => boolean,
  ): Promise<Result<BrandRequestRecord, NotFoundError | StorageError>> {
    const got = await reading(() => store.get(brandRequestsTable, requestId));
    if (got.isErr()) return got;
    if (got.value === undefined || !owns(got.value)) return Err(notFound('brand request', requestId));
    return Ok(got.value);
  }

  /** Closes a pending request (decline or cancel) under its lock. */
  function close(
    requestId: BrandRequestId,
    owns: (r: BrandRequestRecord) => boolean,
    change: (r: BrandRequestRecord, at: Date) => { readonly next: BrandRequestRecord; readonly event: NewEvent },
  ): Promise<Result<BrandRequestView, BrandRequestError>> {
    return inTransaction<BrandRequestView, BrandRequestError>(
      store,
      clock,
      [lockOfRequest(requestId)],
      async ({ tx, at }) => {
        const request = await tx.get(brandRequestsTable, requestId);
        if (request === undefined || !owns(request)) return Err(notFound('brand request', requestId));
        const status = requestStatusAt(request, at);
        if (status !== 'PENDING') return Err(denied([notPending(status)]));
        const { next, event } = change(request, at);
        await tx.update(brandRequestsTable, next);
        tx.append([event]);
        return Ok(view(next, at));
      },
    );
  }

  /** Up to `limit` requests of an index range, newest first, keeping those of `status`. */
  async function listBy(
    reader: StoreReader,
    index: 'byAdAccount' | 'byCreator',
    party: string,
    at: Date,
    status: BrandRequestStatus | undefined,
    limit: number,
  ): Promise<BrandRequestView[]> {
    if (status === 'PENDING') {
      // The open requests whose end is after `at`: exactly the pending ones, at most the cap.
      const openIndex = index === 'byAdAccount' ? 'openByAdAccount' : 'openByCreator';
      const open = await reader.list(brandRequestsTable, openIndex, { eq: [party], gte: at.getTime() + 1 });
      return open
        .map((r) => view(r, at))
        .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, limit);
    }
    const out: BrandRequestView[] = [];
    const scan = status === undefined ? limit : SCAN_PAGE;
    let before: number | undefined;
    for (;;) {
      const range = before === undefined ? {} : { lt: before };
      const page = await reader.list(brandRequestsTable, index, { eq: [party], ...range, reverse: true, limit: scan });
      const last = page[page.length - 1];
      if (last === undefined) return out;
      const t = last.requestedAt.getTime();
      // The rows of the page's last instant may go on past the page: read them all (ties are few).
      const rows =
        page.length < scan
          ? page
          : [
              ...page.filter((r) => r.requestedAt.getTime() !== t),
              ...(await reader.list(brandRequestsTable, index, { eq: [party, t], reverse: true })),
            ];
      for (const r of rows) {
        const v = view(r, at);
        if (status === undefined || v.status === status) out.push(v);
        if (out.length >= limit) return out;
      }
      if (page.length < scan) return out;
      before = t;
    }
  }

  /** One ledger entry, read from the records (REQ-04). */
  async function ledgerEntry(reader: StoreReader, code: AdCodeRecord, at: Date): Promise<LedgerEntry> {
    const entries = await reader.list(libraryTable, 'byCode', { eq: [code.id] });
    const ads = await reader.list(adsTable, 'byCode', { eq: [code.id] });
    const refs = ads.map((a) => adRefAt(a, at));
    const apiStatus = adCodeStatusAt(code, at);
    const status = apiStatus === 'DELETED' ? 'REVOKED' : apiStatus === 'EXPIRED' ? 'EXPIRED' : 'IN_FORCE';
    const origin = code.origin ?? 'CODE';
    let requestId: BrandRequestId | undefined;
    if (origin === 'REQUEST') {
      const [request] = await reader.list(brandRequestsTable, 'byCode', { eq: [code.id], limit: 1 });
      requestId = request?.id;
    }
    return {
      codeId: code.id,
      origin,
      ...(requestId === undefined ? {} : { requestId }),
      videoId: code.videoId,
      preview: code.preview,
      fingerprint: code.fingerprint,
      status,
      apiStatus,
      inForce: isInForce(code, at),
      periodDays: code.periodDays,
      grantedAt: code.generatedAt,
      endsAt: code.expiresAt,
      ...(code.revokedAt === undefined ? {} : { revokedAt: code.revokedAt }),
      extensions: code.extensions?.length ?? 0,
      adAccounts: entries.map((e) => ({ adAccountId: e.adAccountId, confirmedAt: e.confirmedAt })),
      ads: {
        created: refs.length,
        running: refs.filter((r) => r.status === 'RUNNING').length,
        paused: refs.filter((r) => r.status === 'PAUSED').length,
        stopped: refs.filter((r) => r.status === 'STOPPED').length,
      },
      adRefs: refs,
    };
  }

  return {
    policy,

    async requestAuthorization(input) {
      const parsed = parseInput(requestAuthorizationInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { advertiser, userId, creatorId, videoId, note } = parsed.value;
      const periodDays = parsed.value.periodDays ?? policy.defaultRequestPeriodDays;
      const adAccountId = advertiser.adAccountId;
      const id = randomId(random, 'breq_') as BrandRequestId;
      const actor = advertiserActor(adAccountId, userId);
      const evtId = eventId();
      const lockKeys = [lockOfPending(adAccountId), lockOfRequest(id)];
      return inTransaction<BrandRequestView, BrandRequestError>(store, clock, lockKeys, async ({ tx, at }) => {
        const pendingRequests = await tx.count(brandRequestsTable, 'openByAdAccount', {
          eq: [adAccountId],
          gte: at.getTime() + 1,
        });
        const decision = canRequestAuthorization({ periodDays, pendingRequests }, policy);
        if (!decision.allowed) return Err(denied(decision.violations));
        const request: BrandRequestRecord = {
          id,
          adAccountId,
          creatorId,
          videoId,
          periodDays,
          ...(note === undefined ? {} : { note }),
          requestedAt: at,
          requestedBy: actor,
          expiresAt: plusMs(at, policy.requestLifetimeMs),
        };
        await tx.insert(brandRequestsTable, request);
        tx.append([
          requestEvent<RequestCreatedEvent>(evtId, 'request.created', at, actor, id, {
            requestId: id,
            adAccountId,
            creatorId,
            videoId,
            periodDays,
            expiresAt: request.expiresAt,
          }),
        ]);
        return Ok(view(request, at));
      });
    },

    async acceptRequest(input) {
      const parsed = parseInput(acceptRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, requestId, creator, video } = parsed.value;
      const found = await findRequest(requestId, (r) => r.creatorId === creatorId);
      if (found.isErr()) return found;
      const videoId = found.value.videoId;
      const codeId = randomId(random, 'code_') as AdCodeId;
      const evtId = eventId();
      const actor: Actor = { kind: 'creator', id: creatorId };
      // The video's lock (SPARK-12), the request's (one answer), and the new authorization's, so
      // that no later transaction on it decides at an instant before it existed.
      const lockKeys = [lockOfRequest(requestId), `video:${videoId}`, `code:${codeId}`];
      return inTransaction<AcceptedRequest, BrandRequestError>(store, clock, lockKeys, async ({ tx, at }) => {
        const request = await tx.get(brandRequestsTable, requestId);
        if (request === undefined) return Err(notFound('brand request', requestId));
        const codeInForce = await codeInForceForVideo(tx, videoId, at);
        const decision = canAcceptRequest({ request, at, creator, video, codeInForce }, policy);
        if (!decision.allowed) return Err(denied(decision.violations));

        // The decision checked that these facts are the requested creator's and video's (REQ-03).
        const preview = previewOf(creator, video);
        const authorization: AdCodeRecord = {
          id: codeId,
          origin: 'REQUEST',
          fingerprint: `request ${requestId}`,
          creatorId: request.creatorId,
          videoId,
          periodDays: request.periodDays,
          generatedAt: at,
          expiresAt: plusDays(at, request.periodDays),
          firstConfirmedAt: at,
          preview,
        };
        const entry: LibraryEntry = {
          adAccountId: request.adAccountId,
          codeId,
          videoId,
          creatorId: request.creatorId,
          confirmedAt: at,
          confirmedBy: request.requestedBy,
          preview,
          expiresAt: authorization.expiresAt,
        };
        const accepted: BrandRequestRecord = { ...request, acceptedAt: at, codeId };
        await tx.insert(codesTable, authorization);
        await tx.insert(libraryTable, entry);
        await tx.update(brandRequestsTable, accepted);
        tx.append([
          requestEvent<RequestAcceptedEvent>(evtId, 'request.accepted', at, actor, requestId, {
            requestId,
            adAccountId: request.adAccountId,
            creatorId: request.creatorId,
            videoId,
            codeId,
            periodDays: request.periodDays,
            authorizationEndsAt: authorization.expiresAt,
          }),
        ]);
        return Ok({ request: view(accepted, at), authorization, entry });
      });
    },

    async declineRequest(input) {
      const parsed = parseInput(declineRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, requestId, reason } = parsed.value;
      const owns = (r: BrandRequestRecord) => r.creatorId === creatorId;
      const found = await findRequest(requestId, owns);
      if (found.isErr()) return found;
      const evtId = eventId();
      const actor: Actor = { kind: 'creator', id: creatorId };
      return close(requestId, owns, (r, at) => ({
        next: { ...r, declinedAt: at, ...(reason === undefined ? {} : { declineReason: reason }) },
        event: requestEvent<RequestDeclinedEvent>(evtId, 'request.declined', at, actor, requestId, {
          requestId,
          adAccountId: r.adAccountId,
          creatorId: r.creatorId,
          ...(reason === undefined ? {} : { reason }),
        }),
      }));
    },

    async cancelRequest(input) {
      const parsed = parseInput(cancelRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, userId, requestId } = parsed.value;
      const owns = (r: BrandRequestRecord) => r.adAccountId === adAccountId;
      const found = await findRequest(requestId, owns);
      if (found.isErr()) return found;
      const evtId = eventId();
      const actor = advertiserActor(adAccountId, userId);
      return close(requestId, owns, (r, at) => ({
        next: { ...r, cancelledAt: at, cancelledBy: actor },
        event: requestEvent<RequestCancelledEvent>(evtId, 'request.cancelled', at, actor, requestId, {
          requestId,
          adAccountId: r.adAccountId,
          creatorId: r.creatorId,
        }),
      }));
    },

    async listRequests(party, options) {
      const who = parseInput(requestPartySchema, party);
      if (who.isErr()) return who;
      const opts = parseInput(listRequestsOptionsSchema, options);
      if (opts.isErr()) return opts;
      const limit = opts.value?.limit ?? DEFAULT_LIMIT;
      const status = opts.value?.status;
      const at = clock.now();
      const p = who.value;
      return 'creatorId' in p
        ? reading(() => listBy(store, 'byCreator', p.creatorId as CreatorId, at, status, limit))
        : reading(() => listBy(store, 'byAdAccount', p.adAccountId as AdAccountId, at, status, limit));
    },

    async creatorLedger(input) {
      const parsed = parseInput(creatorLedgerInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, cursor } = parsed.value;
      const limit = parsed.value.limit ?? DEFAULT_LIMIT;
      const at = clock.now();
      return reading(async () => {
        const codes: AdCodeRecord[] = [];
        let rest: readonly AdCodeRecord[];
        if (cursor === undefined) {
          rest = await store.list(codesTable, 'byCreator', { eq: [creatorId], reverse: true, limit: limit + 1 });
        } else {
          // Authorizations of the cursor's instant after it (primary key descending), then older ones.
          const { t, id } = parseCursor(cursor);
          const ties = await store.list(codesTable, 'byCreator', { eq: [creatorId, t], reverse: true });
          codes.push(...ties.filter((c) => c.id < id).slice(0, limit + 1));
          const more = limit + 1 - codes.length;
          rest =
            more > 0
              ? await store.list(codesTable, 'byCreator', { eq: [creatorId], lt: t, reverse: true, limit: more })
              : [];
        }
        codes.push(...rest);
        const page = codes.slice(0, limit);
        const entries: LedgerEntry[] = [];
        for (const code of page) entries.push(await ledgerEntry(store, code, at));
        const last = page[page.length - 1];
        const nextCursor =
          codes.length > limit && last !== undefined ? `${last.generatedAt.getTime()}~${last.id}` : undefined;
        return { at, entries, ...(nextCursor === undefined ? {} : { nextCursor }) };
      });
    },
  };
}

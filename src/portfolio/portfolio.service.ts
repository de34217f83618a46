import { Err, type Result } from '../kernel/result.js';
import { validationError, type StorageError, type ValidationError } from '../kernel/errors.js';
import type { AdAccountId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import { parseInput } from '../kernel/validation.js';
import type { IndexRange, StoreReader, TableDef } from '../ports/store.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { reading } from '../storage/unit-of-work.js';
import { adsTable, assignmentsTable, codesTable, libraryTable, linksTable } from '../storage/tables.js';
import type { AdRecord } from '../ads/ads.model.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { PortfolioAd, PortfolioItem, PortfolioPage } from './portfolio.model.js';
import {
  comparePortfolioKeys,
  decodePortfolioCursor,
  encodePortfolioCursor,
  type PortfolioKey,
} from './portfolio.rules.js';
import { endingSoonInputSchema, type EndingSoonInput } from './portfolio.schemas.js';

/**
 * What `createPortfolio` needs: the options of every service.
 *
 * @example
 * ```ts
 * import { createPortfolio, memoryStore, type PortfolioOptions } from 'tiktok-ad-auth';
 * const options: PortfolioOptions = { store: memoryStore() };
 * const portfolio = createPortfolio(options);
 * ```
 */
export type PortfolioOptions = ServiceOptions;

/**
 * Errors of the portfolio: bad input (a cursor that is not one of `endingSoon`'s names
 * `cursor`), or the store failed.
 *
 * @example
 * ```ts
 * const explain = (e: PortfolioError) => (e.code === 'validation' ? e.issues[0].path : e.message);
 * ```
 */
export type PortfolioError = ValidationError | StorageError;

/**
 * The portfolio across ad accounts, Business Centers and creators (POR-01). Create with
 * `createPortfolio`.
 *
 * @example
 * ```ts
 * import { createPortfolio, memoryStore, type Portfolio } from 'tiktok-ad-auth';
 * const portfolio: Portfolio = createPortfolio({ store: memoryStore() });
 * ```
 */
export interface Portfolio {
  readonly policy: Policy;
  /**
   * The authorizations (every origin, not revoked) ending within `[from, from + window)` across
   * the scope, soonest end first (ties by id), with the ad accounts holding them and their ads
   * at risk, one page of `limit` at a time with an opaque cursor. Served by indexes: each ad
   * account and creator of the scope is one sorted index range read `limit + 1` rows at a time,
   * merged; a Business Center stands for the ad accounts its active links' accounts are assigned
   * to (BC-08). The time of a page depends on the page and the scope, not on how many
   * authorizations are stored.
   */
  endingSoon(input: EndingSoonInput): Promise<Result<PortfolioPage, PortfolioError>>;
}

/** A row of one index range, as a portfolio key (with the record when the range is of codes). */
interface Candidate extends PortfolioKey {
  readonly code?: AdCodeRecord;
}

/**
 * One sorted index range read lazily, `page` rows at a time (the page doubles on each refill,
 * so a range read far costs in proportion to what it yields). Rows at or before `after` skipped.
 */
class IndexStream<Row> {
  private buffer: readonly Candidate[] = [];
  private pos = 0;
  private done = false;
  private lastEnd: number | undefined;
  /** How many rows with end `lastEnd` were taken (skipped on a refill from `lastEnd`). */
  private ties = 0;

  constructor(
    private readonly reader: StoreReader,
    private readonly table: TableDef<Row>,
    private readonly index: string,
    private readonly eq: readonly string[],
    private readonly gte: number,
    private readonly lt: number,
    private readonly after: PortfolioKey | undefined,
    private page: number,
    private readonly toCandidate: (row: Row) => Candidate,
  ) {}

  /** The next row in order after the cursor, or `undefined` when the range is exhausted. */
  async peek(): Promise<Candidate | undefined> {
    for (;;) {
      while (this.pos >= this.buffer.length) {
        if (this.done) return undefined;
        await this.refill();
      }
      const head = this.buffer[this.pos]!;
      if (this.after === undefined || comparePortfolioKeys(head, this.after) > 0) return head;
      this.take();
    }
  }

  /** Moves past the row `peek` gave. */
  take(): void {
    const c = this.buffer[this.pos++];
    if (c === undefined) return;
    if (c.end === this.lastEnd) this.ties++;
    else {
      this.lastEnd = c.end;
      this.ties = 1;
    }
  }

  private async refill(): Promise<void> {
    // From the end last taken, skipping the rows already taken at that end (index order).
    const from = this.lastEnd ?? this.gte;
    const skip = this.lastEnd === undefined ? 0 : this.ties;
    const range: IndexRange = { eq: this.eq, gte: from, lt: this.lt, limit: skip + this.page };
    const rows = await this.reader.list(this.table, this.index, range);
    this.done = rows.length < skip + this.page;
    this.buffer = rows.slice(skip).map(this.toCandidate);
    this.pos = 0;
    this.page *= 2;
  }
}

/** An ad a portfolio item lists. */
function portfolioAd(ad: AdRecord): PortfolioAd {
  const { id, adAccountId, name, status, statusReason, statusChangedAt } = ad;
  return {
    id,
    adAccountId,
    name,
    status,
    ...(statusReason === undefined ? {} : { statusReason }),
    statusChangedAt,
    ...(ad.schedule.endAt === undefined ? {} : { scheduledEnd: ad.schedule.endAt }),
  };
}

/** The authorization's end stops the ad: it is live and its schedule runs past the end. */
function stoppedByEnd(ad: AdRecord, end: Date): boolean {
  const live = ad.status !== 'STOPPED' && ad.status !== 'REJECTED';
  return live && (ad.schedule.endAt === undefined || ad.schedule.endAt.getTime() > end.getTime());
}

/**
 * Creates the portfolio service (POR-01) over the store the other services write to.
 *
 * @example
 * ```ts
 * import { createPortfolio, memoryStore } from 'tiktok-ad-auth';
 * const portfolio = createPortfolio({ store: memoryStore() });
 * const page = await portfolio.endingSoon({ scope: { adAccountIds: ['adv-1'] }, within: { days: 7 }, limit: 50 });
 * if (page.isOk()) for (const item of page.value.items) console.log(item.codeId, item.expiresAt);
 * ```
 */
export function createPortfolio(options: PortfolioOptions): Portfolio {
  const { store, clock, policy } = resolveOptions('createPortfolio', options);

  /** The ad accounts a Business Center stands for: those its active links' accounts are assigned to. */
  async function businessCenterAccounts(bc: string): Promise<AdAccountId[]> {
    const out: AdAccountId[] = [];
    for (const link of await store.list(linksTable, 'activeByBusinessCenter', { eq: [bc] })) {
      for (const a of await store.list(assignmentsTable, 'byLink', { eq: [link.id] })) out.push(a.adAccountId);
    }
    return out;
  }

  return {
    policy,

    async endingSoon(input) {
      const parsed = parseInput(endingSoonInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { scope, within, limit, cursor } = parsed.value;
      const after = cursor === undefined ? undefined : decodePortfolioCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        return Err(
          validationError([{ code: 'custom', path: ['cursor'], message: 'is not a cursor endingSoon returned' }]),
        );
      }
      const from = (within.from ?? clock.now()).getTime();
      const to = from + (within.days !== undefined ? within.days * DAY_MS : (within.ms ?? 0));
      const gte = after === undefined ? from : Math.max(from, after.end);
      const creators = new Set<string>(scope.creatorIds ?? []);
      return reading(async (): Promise<PortfolioPage> => {
        const accounts = new Set<string>(scope.adAccountIds ?? []);
        for (const bc of scope.businessCenterIds ?? []) {
          for (const acc of await businessCenterAccounts(bc)) accounts.add(acc);
        }
        const page = limit + 1;
        const streams: IndexStream<never>[] = [];
        for (const acc of accounts) {
          streams.push(
            new IndexStream(store, libraryTable, 'byAccountEnd', [acc], gte, to, after, page, (e) => ({
              end: e.expiresAt.getTime(),
              codeId: e.codeId,
            })) as unknown as IndexStream<never>,
          );
        }
        for (const cr of creators) {
          streams.push(
            new IndexStream(store, codesTable, 'byCreatorEnd', [cr], gte, to, after, page, (c) => ({
              end: c.expiresAt.getTime(),
              codeId: c.id,
              code: c,
            })) as unknown as IndexStream<never>,
          );
        }
        // k-way merge: the smallest head each time; the same authorization from several ranges
        // comes out adjacent (same key) and is kept once.
        const picked: { readonly key: PortfolioKey; readonly code: AdCodeRecord }[] = [];
        let last: Candidate | undefined;
        while (picked.length < page) {
          let best: { stream: IndexStream<never>; head: Candidate } | undefined;
          for (const stream of streams) {
            const head = await stream.peek();
            if (head !== undefined && (best === undefined || comparePortfolioKeys(head, best.head) < 0)) {
              best = { stream, head };
            }
          }
          if (best === undefined) break;
          best.stream.take();
          const c = best.head;
          if (last !== undefined && comparePortfolioKeys(c, last) === 0) continue;
          last = c;
          const code = c.code ?? (await store.get(codesTable, c.codeId));
          if (code === undefined || code.revokedAt !== undefined) continue;
          picked.push({ key: c, code });
        }
        const items: PortfolioItem[] = [];
        for (const { code } of picked.slice(0, limit)) {
          const everyone = creators.has(code.creatorId);
          const seen = (acc: string) => everyone || accounts.has(acc);
          const holders = await store.list(libraryTable, 'byCode', { eq: [code.id] });
          const ads = await store.list(adsTable, 'byCode', { eq: [code.id] });
          items.push({
            codeId: code.id,
            origin: code.origin ?? 'CODE',
            creatorId: code.creatorId,
            videoId: code.videoId,
            preview: code.preview,
            generatedAt: code.generatedAt,
            expiresAt: code.expiresAt,
            adAccountIds: holders.map((e) => e.adAccountId).filter(seen),
            adsAtRisk: ads.filter((a) => stoppedByEnd(a, code.expiresAt) && seen(a.adAccountId)).map(portfolioAd),
          });
        }
        const lastKey = picked[limit - 1]?.key;
        return picked.length > limit && lastKey !== undefined
          ? { items, nextCursor: encodePortfolioCursor({ end: lastKey.end, codeId: lastKey.codeId }) }
          : { items };
      });
    },
  };
}

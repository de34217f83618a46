import type { AdId } from '../../kernel/ids.js';
import type { AdRecord } from '../../ads/ads.model.js';
import type { ClaimPopupOutcome, SetCreativeAuthorizationOutcome, TopAdsStore } from '../../ports/top-ads-store.js';
import type { PgContext } from './context.js';
import { encodeEvents, parseJson } from './outbox.pg.js';
import { toAd } from './ads.pg.js';

/** Internal: the Top Ads methods of the PostgreSQL store, over the ads table (migration 4). */
export function topAdsPg(ctx: PgContext): Omit<TopAdsStore, 'readEvents'> {
  const { s, db } = ctx;
  return {
    async setCreativeAuthorization(change, eventFor): Promise<SetCreativeAuthorizationOutcome> {
      // An interactive transaction (the events are built in JS): lock the batch's ads by
      // ins_seq, decide all or nothing, write, commit.
      return ctx.run(() => db.transaction(async (tx): Promise<SetCreativeAuthorizationOutcome> => {
        const { rows } = await tx.query<{ out: unknown }>(`SELECT ${s}.top_ads_lock($1::text[]) AS out`, [change.adIds]);
        const byId = new Map((parseJson(rows[0]!.out) as unknown[]).map((j) => { const ad = toAd(j); return [ad.id as string, ad]; }));
        const ads: AdRecord[] = [];
        for (const id of change.adIds) {
          const ad = byId.get(id);
          if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found', adId: id as AdId };
          ads.push(ad);
        }
        const missing = change.authorized ? ads.filter((a) => !a.assetAuthorization.offered) : [];
        if (missing.length > 0) return { kind: 'not_offered', ads: missing };
        const at = new Date(change.at.getTime());
        const changed: AdRecord[] = [];
        const unchanged: AdRecord[] = [];
        for (const ad of ads) {
          if (ad.assetAuthorization.authorized === change.authorized || !ad.assetAuthorization.offered) { unchanged.push(ad); continue; }
          const { withdrawnAt: _w, ...asset } = ad.assetAuthorization;
          changed.push({
            ...ad,
            assetAuthorization: { ...asset, authorized: change.authorized, changedAt: at, source: change.source, ...(change.authorized ? {} : { withdrawnAt: at }) },
          });
        }
        const events = changed.map((after) => eventFor(structuredCopy(after)));
        if (changed.length > 0) {
          await tx.query(`SELECT ${s}.top_ads_apply($1::text[], $2::boolean, $3::timestamptz, $4::text, $5::json)`,
            [changed.map((a) => a.id), change.authorized, at.toISOString(), change.source, encodeEvents(events)]);
        }
        return { kind: 'done', changed, unchanged };
      }));
    },

    async listAuthorizedCreatives() {
      const { rows } = await ctx.run(() => db.query<{ j: unknown }>(
        `SELECT ${s}.ad_json(a) AS j FROM ${s}.ads a WHERE a.asset_authorized ORDER BY a.ins_seq`));
      return rows.map((r) => toAd(r.j));
    },

    async getPopupLastShown(accountId) {
      const { rows } = await ctx.run(() => db.query<{ t: number }>(
        `SELECT ${s}.ms(last_shown_at) AS t FROM ${s}.top_ads_popups WHERE account_id = $1`, [accountId]));
      return rows[0] === undefined ? undefined : new Date(Number(rows[0].t));
    },

    async claimPopup(accountId, at, intervalMs, events): Promise<ClaimPopupOutcome> {
      const { rows } = await ctx.run(() => db.query<{ out: unknown }>(
        `SELECT ${s}.top_ads_claim_popup($1::text, $2::timestamptz, $3::float8, $4::json) AS out`,
        [accountId, at.toISOString(), intervalMs, encodeEvents(events)]));
      const out = parseJson(rows[0]!.out) as { kind: string; previous?: number | null; lastShownAt?: number };
      if (out.kind === 'not_due') return { kind: 'not_due', lastShownAt: new Date(out.lastShownAt!) };
      return out.previous === undefined || out.previous === null ? { kind: 'claimed' } : { kind: 'claimed', previous: new Date(out.previous) };
    },
  };
}

/** A deep copy of a record for a builder (it must not share objects with the records returned). */
function structuredCopy(ad: AdRecord): AdRecord {
  return {
    ...ad, campaign: { ...ad.campaign, placements: [...ad.campaign.placements] },
    schedule: { ...ad.schedule }, identity: { ...ad.identity }, regions: [...ad.regions],
    ...(ad.authorization ? { authorization: { ...ad.authorization } } : {}), assetAuthorization: { ...ad.assetAuthorization },
    statusChangedBy: { ...ad.statusChangedBy },
  };
}

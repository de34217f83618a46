import type { DomainEvent } from '../kernel/events.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import type { AssetAuthorizationSource } from '../ads/ads.model.js';

/** The advertiser granted Top Ads asset authorization for a creative (TOP-01, TOP-05). */
export type CreativeAuthorizedEvent = DomainEvent<
  'top_ads.authorized',
  {
    readonly adId: AdId;
    readonly adAccountId: AdAccountId;
    readonly source: AssetAuthorizationSource;
  }
>;
/** The advertiser withdrew a creative from Top Ads (TOP-06). */
export type CreativeWithdrawnEvent = DomainEvent<
  'top_ads.withdrawn',
  {
    readonly adId: AdId;
    readonly adAccountId: AdAccountId;
  }
>;
/** The Creative Center pop-up was shown to an account (TOP-05). */
export type PopupShownEvent = DomainEvent<
  'top_ads.popup_shown',
  {
    readonly accountId: string;
    readonly adIds: readonly AdId[];
  }
>;

/** Every event of the Top Ads context. */
export type TopAdsEvent = CreativeAuthorizedEvent | CreativeWithdrawnEvent | PopupShownEvent;

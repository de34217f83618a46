import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';

/**
 * Errors of the ads workflows. `denied` lists every rule that blocks the request:
 * `ads.post_not_in_library` (ADV-04), `ads.authorization_revoked` / `ads.authorization_expired`
 * (ADV-06), `ads.identity_unavailable` (LIFE-02), `ads.post_private` / `ads.post_deleted` /
 * `ads.account_banned` (LIFE-01), `ads.not_draft` (LIFE-03), `ads.wrong_status` (ADV-05), the limits
 * `ads.spark_ads_limit_reached` / `ads.identity_limit_reached`, and the Top Ads option
 * `top_ads.requires_tiktok_placement` (TOP-02) / `top_ads.campaign_type_not_eligible` (TOP-03).
 */
export type AdsError = ValidationError | DeniedError | NotFoundError | StorageError;

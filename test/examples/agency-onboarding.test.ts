import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test(
  'BC-07, ASSET-05, ASSET-08 agency onboarding: 50 creators by QR, 48 linked, one rejected, one expired, ' +
    'tokens never in events',
  () => {
    const r = runExample('agency-onboarding');
    expect(r).toMatchObject({
      requested: 50,
      approved: 48,
      rejected: 1,
      expired: 1,
      linkedAccounts: 48,
      identities: 48,
      available: 47,
      tokensInEvents: false,
    });
    expect(r.unavailable).toEqual([{ accountId: 'tt-creator-49', status: 'IS_PRIVATE_ACCOUNT' }]);
    expect(r.events).toEqual({
      'bc.link_requested': 50,
      'bc.link_approved': 48,
      'bc.ad_account_assigned': 48,
      'bc.link_request_rejected': 1,
    });
  },
);

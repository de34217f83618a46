import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { identityAvailability, parsePermissionSet } from '../index.js';
import { LINK_PERMISSIONS } from '../model.js';
import type { AdAccountId, TikTokAccountId } from '../model.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('ASSET-08 availability laws', () => {
  test('available iff linked, assigned, Spark-capable, public, not personal; AVAILABLE iff no reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PERSONAL' as const, 'BUSINESS' as const, 'CREATOR' as const),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.uniqueArray(fc.constantFrom(...LINK_PERMISSIONS.filter((p) => !p.startsWith('SHOW_'))), { minLength: 1 }),
        (accountType, isPrivate, linked, assigned, perms) => {
          const permissions = parsePermissionSet(perms).unwrap();
          const a = identityAvailability({
            account: { id: 'tt' as TikTokAccountId, accountType, isPrivate },
            adAccountId: 'adv' as AdAccountId,
            link: linked ? ({ businessCenterId: 'bc', permissions } as never) : undefined,
            assigned,
          });
          const spark = permissions.includes('EXISTING_POSTS') && permissions.includes('PUBLISH_NEW_VIDEOS');
          expect(a.available).toBe(linked && assigned && spark && !isPrivate && accountType !== 'PERSONAL');
          expect(a.status === 'AVAILABLE').toBe(a.reasons.length === 0);
          expect(a.reasons.every((r) => r.rule === 'ASSET-08')).toBe(true);
        },
      ),
      { numRuns },
    );
  });
});

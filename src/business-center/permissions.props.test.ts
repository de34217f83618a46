import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkPermissions, linkCapabilities, parsePermissionSet } from '../index.js';
import { LINK_PERMISSIONS } from '../model.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const perm = fc.constantFrom(...LINK_PERMISSIONS);

describe('PermissionSet laws (BC-04..06)', () => {
  test('parse accepts exactly the lists with no violation, and is order-insensitive and idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(perm, fc.string({ maxLength: 8 })), { maxLength: 12 }), (raw) => {
        const r = parsePermissionSet(raw);
        expect(r.isOk()).toBe(checkPermissions(raw).allowed);
        if (r.isOk()) {
          expect(parsePermissionSet([...raw].reverse()).unwrap()).toEqual(r.value);
          expect(parsePermissionSet(r.value).unwrap()).toEqual(r.value);
        }
      }),
      { numRuns },
    );
  });
  test('a valid set never holds both visibility options, and holds Publish whenever it holds one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(perm, { minLength: 1 }), (raw) => {
        const r = parsePermissionSet(raw);
        if (r.isErr()) return;
        const caps = linkCapabilities(r.value);
        expect(r.value.includes('SHOW_THROUGH_ADS_ONLY') && r.value.includes('SHOW_ON_PROFILE_AND_ADS')).toBe(false);
        if (caps.visibility !== undefined) expect(caps.canPushVideo).toBe(true);
        expect(caps.canDeliverSparkAds).toBe(caps.missingForSparkAds.length === 0);
        expect(caps.canDeliverSparkAds).toBe(caps.canPullVideo && caps.canPushVideo);
      }),
      { numRuns },
    );
  });
});

import { describe, expect, test } from 'vitest';
import { createDeliveryIdentities, definePolicy, manualClock, memoryStore, seededRandom } from '../index.js';
import { accountMembersTable, linksTable, ownedAccountsTable } from '../storage/tables.js';
import type { TikTokAccountFacts } from '../business-center/business-center.model.js';
import type { AccountMemberRole, IdentityContextFacts } from './delivery-identities.model.js';
import type { SignUpAccountInput } from './delivery-identities.schemas.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const context = (bcId = 'bc-1', userId = 'admin-1'): IdentityContextFacts => ({
  businessCenter: { id: bcId, verified: true },
  member: { userId, role: 'ADMIN' },
  adAccount: { id: `adv-${bcId}`, businessCenterId: bcId },
  adAccountRole: 'ADMIN',
  objective: 'PRODUCT_SALES',
});
const newAccount = (id: string): SignUpAccountInput['account'] => ({
  id,
  accountType: 'BUSINESS',
  isPrivate: false,
  displayName: 'New Brand',
});
/** What a store holds: its non-empty tables and its events (a table a read touched may show up empty). */
const held = (dump: { tables: Record<string, readonly unknown[]>; events: readonly unknown[] }) => ({
  tables: Object.fromEntries(Object.entries(dump.tables).filter(([, rows]) => rows.length > 0)),
  events: dump.events,
});
const codes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

function setup(policy = definePolicy().unwrap()) {
  const store = memoryStore();
  const clock = manualClock(T0);
  return { store, clock, ids: createDeliveryIdentities({ store, clock, random: seededRandom(5), policy }) };
}

describe('ASSET-07 sign up: an account id that exists is refused with a code, and nothing is stored', () => {
  test('a second sign-up of the same id, in the same or another Business Center', async () => {
    // Arrange
    const { ids, store } = setup();
    (await ids.signUpAccount({ context: context(), account: newAccount('tt-new') })).unwrap();
    const before = held(store.dump());
    // Act
    const again = await ids.signUpAccount({ context: context(), account: newAccount('tt-new') });
    const elsewhere = await ids.signUpAccount({ context: context('bc-2', 'admin-2'), account: newAccount('tt-new') });
    // Assert
    expect(again.isErr() && again.error.code).toBe('denied');
    expect(codes(again)).toEqual(['identity.account_exists', 'bc.already_linked']);
    expect(codes(elsewhere)).toEqual(['identity.account_exists']);
    expect(held(store.dump())).toEqual(before);
  });

  test('10 concurrent sign-ups of one id: one account, one admin, one link', async () => {
    const { ids, store } = setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ids.signUpAccount({ context: context(`bc-${i}`, `admin-${i}`), account: newAccount('tt-race') }),
      ),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['identity.account_exists']);
    expect(await store.count(linksTable, 'activeByAccount', { eq: ['tt-race'] })).toBe(1);
    expect(await store.count(accountMembersTable, 'byAccount', { eq: ['tt-race'] })).toBe(1);
  });
});

describe('ASSET-04 link by login under concurrency', () => {
  test('the same account logged in to 10 Business Centers at once is linked to exactly one', async () => {
    const { ids, store } = setup();
    const account: TikTokAccountFacts = {
      id: 'tt-own',
      accountType: 'CREATOR',
      isPrivate: false,
      inAnyBusinessCenter: false,
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ids.linkByLogin({ context: context(`bc-${i}`), account, permissions: SPARK, approvedBy: 'owner' }),
      ),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['identity.account_already_in_a_bc']);
    expect(await store.count(linksTable, 'activeByAccount', { eq: ['tt-own'] })).toBe(1);
  });
});

describe('ASSET-06 usernames of created accounts are unique under concurrency', () => {
  test('10 organization accounts asking for the same username at once: one gets it', async () => {
    const { ids, store } = setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ids.createOrganizationAccount({
          context: context(`bc-${i}`),
          nickname: 'Acme',
          operatingRegion: 'US',
          username: i % 2 === 0 ? 'acme' : 'ACME',
        }),
      ),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['identity.username_taken']);
    expect(await store.count(ownedAccountsTable, 'byUsername', { eq: ['acme'] })).toBe(1);
  });
});

describe('ASSET-07 members are rows: granting 200 members stays correct', () => {
  test('200 concurrent grants, then role changes: one row per member, roles as last granted', async () => {
    // Arrange
    const { ids, store, clock } = setup();
    (await ids.signUpAccount({ context: context(), account: newAccount('tt-team') })).unwrap();
    const role = (i: number) => (['ADMIN', 'OPERATOR', 'ANALYST'] as const)[i % 3]!;
    // Act
    const granted = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ids.grantAccountAccess({ accountId: 'tt-team', grantedBy: 'admin-1', userId: `m-${i}`, role: role(i) }),
      ),
    );
    clock.advance(1_000);
    for (let i = 0; i < 10; i++) {
      (
        await ids.grantAccountAccess({ accountId: 'tt-team', grantedBy: 'admin-1', userId: `m-${i}`, role: 'ANALYST' })
      ).unwrap();
    }
    // A member made admin may grant; an analyst may not.
    const grant = (grantedBy: string, userId: string, role: AccountMemberRole) =>
      ids.grantAccountAccess({ accountId: 'tt-team', grantedBy, userId, role });
    (await grant('m-12', 'm-new', 'OPERATOR')).unwrap();
    const refused = await grant('m-1', 'x', 'ADMIN');
    // Assert
    expect(granted.every((r) => r.isOk())).toBe(true);
    expect(codes(refused)).toEqual(['identity.not_account_admin']);
    const members = await store.list(accountMembersTable, 'byAccount', { eq: ['tt-team'] });
    expect(members).toHaveLength(1 + 200 + 1);
    expect(new Set(members.map((m) => m.userId)).size).toBe(members.length);
    const roles = new Map<string, string>(members.map((m) => [m.userId, m.role]));
    expect(roles.get('admin-1')).toBe('ADMIN');
    for (let i = 0; i < 200; i++) expect(roles.get(`m-${i}`)).toBe(i < 10 ? 'ANALYST' : role(i));
    // Oldest first: the creator, then the first grants; the re-granted ones moved to the end.
    expect(members[0]!.userId).toBe('admin-1');
    const latest = [...Array.from({ length: 10 }, (_, i) => `m-${i}`), 'm-new'];
    expect(
      members
        .slice(-11)
        .map((m) => m.userId)
        .sort(),
    ).toEqual(latest.sort());
    const events = await store.readEvents({ limit: 10_000 });
    expect(events.filter((e) => e.type === 'identity.account_member_granted')).toHaveLength(211);
  });
});

import type pg from 'pg';
import type { BusinessCenterStore } from '../src/index.js';
import { canApproveLinkRequest } from '../src/index.js';

/**
 * NEGATIVE CONTROL — deliberately wrong. The PostgreSQL store with `approveLinkRequest` replaced
 * by read-then-write over separate autocommit statements: it reads the request, both active
 * link counts and the pair's link, decides, then inserts the link and bumps the counters — no
 * row lock, no conditional write. The server's BC-01 cap races must fail on it (more than 800
 * links); if they ever pass, they have stopped testing anything.
 */
export function naivePgBusinessCenterStore<S extends BusinessCenterStore>(real: S, pool: pg.Pool, schema: string): S {
  const s = `"${schema}"`;
  return {
    ...real,
    async approveLinkRequest({ tokenDigest, link, at, by, caps, eventsFor }) {
      const request = await real.findLinkRequestByDigest(tokenDigest);
      if (!request) return { kind: 'not_found' };
      const observation = {
        businessCenterActiveLinks: await real.countActiveLinks({ businessCenterId: request.businessCenterId }),
        accountActiveLinks: await real.countActiveLinks({ accountId: link.accountId }),
        alreadyLinked: (await real.getActiveLink(request.businessCenterId, link.accountId)) !== undefined,
      };
      if (!canApproveLinkRequest({ request, at, ...observation }, caps).allowed) return { kind: 'refused', request, observation };
      const made = { ...link, businessCenterId: request.businessCenterId, permissions: request.permissions, requestId: request.id };
      await pool.query(
        `INSERT INTO ${s}.bc_links (id, business_center_id, account_id, permission_level, permissions, method, request_id, linked_at, linked_by, account)
         VALUES ($1, $2, $3, $4, $5::json, $6, $7, $8, $9::json, $10::json)`,
        [made.id, made.businessCenterId, made.accountId, made.permissionLevel, JSON.stringify(made.permissions), made.method, made.requestId,
          made.linkedAt.toISOString(), JSON.stringify(made.linkedBy), JSON.stringify(made.account)]);
      await pool.query(`UPDATE ${s}.bc_link_requests SET approved_at = $2, approved_by = $3::json, account_id = $4, link_id = $5 WHERE id = $1`,
        [request.id, at.toISOString(), JSON.stringify(by), made.accountId, made.id]);
      await pool.query(`INSERT INTO ${s}.bc_business_centers (business_center_id, active_links) VALUES ($1, 1)
        ON CONFLICT (business_center_id) DO UPDATE SET active_links = ${s}.bc_business_centers.active_links + 1`, [made.businessCenterId]);
      await pool.query(`INSERT INTO ${s}.bc_accounts (account_id, active_links) VALUES ($1, 1)
        ON CONFLICT (account_id) DO UPDATE SET active_links = ${s}.bc_accounts.active_links + 1`, [made.accountId]);
      const approved = { ...request, approvedAt: at, approvedBy: by, accountId: made.accountId, linkId: made.id };
      void eventsFor;
      return { kind: 'approved', request: approved, link: made, assignment: undefined };
    },
  };
}

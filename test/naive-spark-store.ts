import type { DomainEvent, LibraryEntry, AdCodeRecord, SparkCodeStore } from '../src/index.js';
import { isInForce } from '../src/spark-codes/spark-codes.rules.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * NEGATIVE CONTROL — deliberately wrong. A Spark code store that enforces "one code in force per
 * video" and "idempotent confirm" by reading, yielding, then writing: the anti-pattern of
 * style.md ("use once" as read-then-write). The race checks of the conformance suite must fail
 * on it; if they ever pass, they have stopped testing anything.
 */
export function naiveSparkStore(): SparkCodeStore {
  const codes: AdCodeRecord[] = [];
  const library: LibraryEntry[] = [];
  const events: DomainEvent[] = [];
  const append = (batch: readonly Omit<DomainEvent, 'seq'>[]) => batch.forEach((e) => events.push({ ...e, seq: events.length + 1 }));
  return {
    async readEvents(q = {}) { const after = q.after ?? 0; return events.slice(after, after + (q.limit ?? 1000)); },
    async insertCode(record, evts) {
      const latest = [...codes].reverse().find((c) => c.videoId === record.videoId);
      await tick(); // another caller runs here and sees the same "no code in force"
      if (latest && isInForce(latest, record.generatedAt)) return { kind: 'video_has_code_in_force', existing: latest };
      codes.push(record);
      append(evts);
      return { kind: 'inserted', record };
    },
    async getCode(id) { return codes.find((c) => c.id === id); },
    async latestCodeForVideo(videoId) { return [...codes].reverse().find((c) => c.videoId === videoId); },
    async lookupForSearch({ digest }) {
      const record = codes.find((c) => c.digest === digest);
      return record ? { kind: 'found', record, confirmedByAnotherAdAccount: false } : { kind: 'not_found' };
    },
    async confirm(entry, _options, evts) {
      const record = codes.find((c) => c.id === entry.codeId);
      if (!record) return { kind: 'not_found' };
      const existing = library.find((e) => e.adAccountId === entry.adAccountId && e.codeId === entry.codeId);
      await tick();
      if (existing) return { kind: 'already_confirmed', entry: existing, record };
      if (!isInForce(record, entry.confirmedAt)) return { kind: 'not_in_force', record };
      library.push(entry);
      append(evts);
      return { kind: 'added', entry, record };
    },
    async revokeCode(id, at, by, evts) {
      const i = codes.findIndex((c) => c.id === id);
      if (i < 0) return { kind: 'not_found' };
      const record = { ...codes[i]!, revokedAt: at, revokedBy: by };
      codes[i] = record;
      append(evts);
      return { kind: 'revoked', record };
    },
    async recordExpiries() { return []; },
    async listCodesByCreator(creatorId) { return codes.filter((c) => c.creatorId === creatorId).reverse(); },
    async listLibrary(adAccountId) { return library.filter((e) => e.adAccountId === adAccountId); },
    async listExpiringBetween() { return []; },
  };
}

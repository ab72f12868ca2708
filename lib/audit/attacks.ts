// Failed and throttled authentication in the audit log, aggregated so that an attack cannot turn into
// unbounded writes: one event per (kind, IP, account) per minute, inserted at its first occurrence and given
// its final count once its minute is over (two writes at most). Per minute and instance, at most
// BEACON_AUDIT_ATTACK_SOURCES (1000) such events; past that, one event per kind with no IP counts the rest.
// Nothing typed into a credential field is stored: an attempt names its account only as the id of an
// existing user (so that user sees it in their own audit log).
import { db } from "../db.ts";

export type AttackKind =
  | "auth.basic_failed"
  | "user.sign_in_failed"
  | "token.provision_failed"
  | "auth.invalid_token"
  | "token.revoke_unknown_key"
  | "auth.throttled";

const WINDOW_MS = 60_000;
const FLUSH_EVERY_MS = 10_000;
const DEFAULT_MAX_SOURCES = 1000;

const SHAPE: Record<AttackKind, { authMethod: string | null; targetType: string }> = {
  "auth.basic_failed": { authMethod: "basic", targetType: "user" },
  "user.sign_in_failed": { authMethod: "password", targetType: "user" },
  "token.provision_failed": { authMethod: "password", targetType: "user" },
  "auth.invalid_token": { authMethod: "token", targetType: "token" },
  "token.revoke_unknown_key": { authMethod: null, targetType: "token" },
  "auth.throttled": { authMethod: null, targetType: "" },
};

interface Aggregate {
  window: number;
  count: number;
  written: number;
  id: Promise<number | null>;
}

interface State {
  entries: Map<string, Aggregate>;
  sources: Map<number, number>;
  timer: ReturnType<typeof setInterval> | null;
  lastError: number;
}

const holder = globalThis as unknown as { __beaconAttackAudit?: State };

function state(): State {
  holder.__beaconAttackAudit ??= { entries: new Map(), sources: new Map(), timer: null, lastError: -Infinity };
  const s = holder.__beaconAttackAudit;
  if (!s.timer) {
    s.timer = setInterval(() => void flushAttackAudit({ finishedOnly: true }), FLUSH_EVERY_MS);
    s.timer.unref();
  }
  return s;
}

function maxSources(): number {
  const n = Number(process.env.BEACON_AUDIT_ATTACK_SOURCES);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_SOURCES;
}

/** Auditing must never turn a 401 or 429 into an error: a failed write is logged (once a minute). */
function logFailure(err: unknown): null {
  const s = state();
  if (Date.now() - s.lastError > WINDOW_MS) {
    s.lastError = Date.now();
    console.error(`Beacon: could not write an aggregated audit event: ${(err as Error)?.message ?? err}`);
  }
  return null;
}

/** Counts one failed or throttled attempt from `ip`, concerning the existing user `subjectId` if any. */
export async function noteAttack(kind: AttackKind, ip: string, subjectId: number | null = null): Promise<void> {
  const s = state();
  const window = Math.floor(Date.now() / WINDOW_MS);
  let source: { ip: string | null; subjectId: number | null } = { ip, subjectId };
  let key = `${window}|${kind}|${ip}|${subjectId ?? ""}`;
  if (!s.entries.has(key)) {
    const used = s.sources.get(window) ?? 0;
    if (used >= maxSources()) {
      source = { ip: null, subjectId: null };
      key = `${window}|${kind}|*`;
    } else {
      s.sources.set(window, used + 1);
    }
  }
  const existing = s.entries.get(key);
  if (existing) {
    existing.count += 1;
    return;
  }
  const { authMethod, targetType } = SHAPE[kind];
  const id = db.auditEvent
    .create({
      data: {
        actorId: null,
        actorLabel: "anonymous",
        ip: source.ip,
        authMethod,
        action: kind,
        targetType,
        targetId: source.subjectId === null ? null : String(source.subjectId),
        subjectId: source.subjectId,
        detail: JSON.stringify({ count: 1 }),
      },
      select: { id: true },
    })
    .then((row) => row.id, logFailure);
  s.entries.set(key, { window, count: 1, written: 1, id });
  await id;
}

/**
 * Writes the counts of the aggregates that grew since they were written: of every one, or only of those
 * whose minute is over (the periodic flush), which are then forgotten.
 */
export async function flushAttackAudit({ finishedOnly = false } = {}): Promise<void> {
  const s = state();
  const current = Math.floor(Date.now() / WINDOW_MS);
  const work: Promise<unknown>[] = [];
  for (const [key, entry] of s.entries) {
    const finished = entry.window < current;
    if (finishedOnly && !finished) continue;
    if (finished) s.entries.delete(key);
    work.push(
      entry.id.then(async (id) => {
        if (id === null || entry.count === entry.written) return;
        const count = entry.count;
        entry.written = count;
        await db.auditEvent.update({ where: { id }, data: { detail: JSON.stringify({ count }) } }).catch(logFailure);
      }),
    );
  }
  for (const window of s.sources.keys()) if (window < current) s.sources.delete(window);
  await Promise.all(work);
}

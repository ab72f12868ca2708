// `last_used_at`/`last_used_ip` bookkeeping: accurate to 60 s, at most one database write per token per
// minute however busy (API.md §3). The conditional update makes racing instances agree on one writer.
import { db } from "../db.ts";

export const USAGE_RESOLUTION_MS = 60_000;

export async function noteTokenUse(token: { id: number; lastUsedAt: Date | null }, ip: string, now = new Date()): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < USAGE_RESOLUTION_MS) return;
  const staleBefore = new Date(now.getTime() - USAGE_RESOLUTION_MS);
  await db.apiToken.updateMany({
    where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
    data: { lastUsedAt: now, lastUsedIp: ip === "unknown" ? null : ip },
  });
}

// GET /api/v1/audit (the read side of lib/audit, which only records): a user reads the events they caused or that concern them; admins read all.
import { db } from "../db.ts";
import type { Page } from "../paging.ts";
import { isAdmin } from "../auth/permissions.ts";
import { signedIn, type Principal } from "../auth/principal.ts";

export interface AuditFilters {
  action?: string;
  user_id?: number;
}

function parseDetail(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export async function listAudit(anyPrincipal: Principal, filters: AuditFilters, page: Page) {
  const principal = signedIn(anyPrincipal);
  const seesAll = isAdmin(principal);
  const me = principal.user.id;
  const scope = seesAll ? {} : { OR: [{ actorId: me }, { subjectId: me }] };
  const filter = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.user_id !== undefined ? { OR: [{ actorId: filters.user_id }, { subjectId: filters.user_id }] } : {}),
  };
  const where = { AND: [scope, filter] };
  const [count, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.offset, take: page.limit }),
  ]);
  return {
    count,
    results: rows.map((e) => ({
      id: e.id,
      created_at: e.createdAt.toISOString(),
      actor: { id: e.actorId, label: e.actorLabel },
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      subject_id: e.subjectId,
      ip: e.ip,
      auth_method: e.authMethod,
      token_id: e.tokenId,
      detail: parseDetail(e.detail),
    })),
  };
}

// GET /api/v1/audit (the read side of lib/audit, which only records): a user reads the events they caused or that concern them; admins read all.
import { db, type Prisma } from "../db.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { isAdmin } from "../auth/permissions.ts";
import { signedIn, type Principal } from "../auth/principal.ts";
import type { AuditFilters } from "../validation/audit.ts";

const select = {
  id: true,
  createdAt: true,
  actorId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  subjectId: true,
  ip: true,
  authMethod: true,
  tokenId: true,
  detail: true,
} satisfies Prisma.AuditEventSelect;

type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof select }>;

function parseDetail(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

function serializeAuditEvent(e: AuditRow) {
  return {
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
  };
}

/** The events a principal may see: the ones they caused or that concern them; admins see all. */
export function auditVisibleTo(anyPrincipal: Principal): Prisma.AuditEventWhereInput {
  const principal = signedIn(anyPrincipal);
  const seesAll = isAdmin(principal);
  const me = principal.user.id;
  return seesAll ? {} : { OR: [{ actorId: me }, { subjectId: me }] };
}

export async function listAudit(principal: Principal, filters: AuditFilters, page: PageWindow) {
  const filter = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.user_id !== undefined ? { OR: [{ actorId: filters.user_id }, { subjectId: filters.user_id }] } : {}),
  };
  const where = { AND: [auditVisibleTo(principal), filter] };
  return pagedQuery(db.auditEvent, { where, select, orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }] }, page, serializeAuditEvent);
}

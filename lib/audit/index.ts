// The audit log: token and account events. `detail` must never hold a secret (keys, passwords).
import { db } from "../db.ts";

export interface AuditActor {
  userId: number | null;
  label: string;
  ip?: string | null;
  authMethod?: string | null;
  tokenId?: number | null;
}

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  subjectId?: number | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(actor: AuditActor, event: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      authMethod: actor.authMethod ?? null,
      tokenId: actor.tokenId ?? null,
      action: event.action,
      targetType: event.targetType ?? "",
      targetId: event.targetId == null ? null : String(event.targetId),
      subjectId: event.subjectId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    },
  });
}

/** The actor for commands run by an operator on the server's command line. */
export const CLI_ACTOR: AuditActor = { userId: null, label: "command line", ip: null, authMethod: "cli" };

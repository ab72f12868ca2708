import { z, queryId } from "./common.ts";

export const AuditFilters = z.object({
  action: z.string().max(64).optional(),
  user_id: queryId.optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AuditEventOut = z.object({
  id: z.number().int(),
  created_at: z.iso.datetime(),
  actor: z.object({ id: z.number().int().nullable(), label: z.string() }),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  subject_id: z.number().int().nullable(),
  ip: z.string().nullable(),
  auth_method: z.string().nullable(),
  token_id: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

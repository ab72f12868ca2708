// Token lifecycle input (API.md §3), shared by the API and the profile page's forms.
import { z, isoDate, id, queryId } from "./common.ts";
import { ALL_PERMISSIONS, type Permission } from "../auth/permissions.ts";
import { parseCidr, formatCidr } from "../cidr.ts";

export const MAX_GRACE_SECONDS = 86_400;

const futureDate = isoDate.refine((d) => d.getTime() > Date.now(), "The expiry must be in the future.");

export const cidrList = z
  .array(z.string().max(64))
  .max(50, "At most 50 networks.")
  .transform((list, ctx) => {
    const out: string[] = [];
    for (const [i, item] of list.entries()) {
      const cidr = parseCidr(item);
      if (!cidr) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not an IPv4 or IPv6 address or CIDR network.`, path: [i] });
        return z.NEVER;
      }
      out.push(formatCidr(cidr));
    }
    return [...new Set(out)];
  });

export const scopeList = z
  .array(z.string())
  .max(ALL_PERMISSIONS.length)
  .transform((list, ctx) => {
    const unknown = list.filter((s) => !(ALL_PERMISSIONS as string[]).includes(s));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `Unknown permission: ${unknown.join(", ")}. Use resource:read or resource:write.` });
      return z.NEVER;
    }
    return ALL_PERMISSIONS.filter((p) => list.includes(p)) as Permission[];
  });

const description = z.string().trim().max(200, "Ensure this field has no more than 200 characters.");

export const TokenCreate = z.strictObject({
  description: description.optional(),
  expires_at: futureDate.nullable().optional(),
  write_enabled: z.boolean().optional(),
  allowed_ips: cidrList.optional(),
  scopes: scopeList.optional(),
  /** A key to restore (NetBox); generated when absent. */
  key: z.string().max(128).optional(),
  /** Another user's id: admins only (users:write). */
  user_id: id.optional(),
});
export type TokenCreate = z.infer<typeof TokenCreate>;

export const TokenPatch = z.strictObject({
  description: description.optional(),
  expires_at: futureDate.nullable().optional(),
  enabled: z.boolean().optional(),
  write_enabled: z.boolean().optional(),
  allowed_ips: cidrList.optional(),
  scopes: scopeList.optional(),
});
export type TokenPatch = z.infer<typeof TokenPatch>;

export const TokenRefresh = z.strictObject({
  grace_seconds: z.number().int("A whole number is required.").min(0).max(MAX_GRACE_SECONDS, `At most ${MAX_GRACE_SECONDS} seconds (24 hours).`).optional(),
});

export const TokenRevoke = z.strictObject({
  keys: z.array(z.string().max(200)).min(1, "List at least one key.").max(100, "At most 100 keys per request."),
});

export const TokenProvision = z
  .strictObject({
    email: z.string().trim().max(254).optional(),
    username: z.string().trim().max(254).optional(),
    password: z.string().max(1024),
    description: description.optional(),
    expires_at: futureDate.nullable().optional(),
    write_enabled: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.username) ctx.addIssue({ code: "custom", path: ["email"], message: "This field is required." });
    if (v.email && v.username && v.email.toLowerCase() !== v.username.toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["username"], message: "username is an alias of email: send one of them." });
    }
  });

export const TokenFilters = z.object({
  user_id: queryId.optional(),
  enabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

export const TokenOut = z.object({
  id: z.number().int(),
  description: z.string(),
  display: z.string(),
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime().nullable(),
  last_used_at: z.iso.datetime().nullable(),
  last_used_ip: z.string().nullable(),
  /** When a refresh kept the previous key working for a grace window: its end, while it is open; else null. */
  previous_key_expires_at: z.iso.datetime().nullable(),
  write_enabled: z.boolean(),
  enabled: z.boolean(),
  allowed_ips: z.array(z.string()),
  scopes: z.array(z.enum(ALL_PERMISSIONS)),
  user: z.object({ id: z.number().int(), email: z.string(), name: z.string() }),
  key: z.string().optional(),
});

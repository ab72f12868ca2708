// Output schemas of responses that have no resource schema in lib/validation: error bodies, the
// OPTIONS answer, the indexes, user/self, revoke-by-key, the NetBox list envelope and this document.
import { z } from "../validation/common.ts";
import { ALL_PERMISSIONS } from "../auth/permissions.ts";
import { V1_ENDPOINTS } from "../api/index-doc.ts";
import { UserOut } from "../validation/users.ts";

/** Every error body (API.md §2): `detail`, plus per-field messages for validation errors and conflicts. */
export const ErrorOut = z.object({
  detail: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

/** OPTIONS on any endpoint: the methods it serves (also in the `Allow` header). */
export const MethodListOut = z.object({
  methods: z.array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])),
});

/** NetBox's list envelope: absolute URLs for the neighbouring pages, null at either end. */
export function paginatedOf<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().min(0),
    next: z.url().nullable(),
    previous: z.url().nullable(),
    results: z.array(item),
  });
}

export const ApiRootOut = z.object({ v1: z.url(), graphql: z.url(), docs: z.url(), openapi: z.url() });

/** GET /api/v1/: one absolute URL per endpoint, keyed by its path under /api/v1/. */
export const V1IndexOut = z.object(Object.fromEntries(V1_ENDPOINTS.map((name) => [name, z.url()])) as Record<(typeof V1_ENDPOINTS)[number], z.ZodURL>);

/** GET /api/v1/user/self (lib/users/self.ts). */
export const SelfOut = z.object({
  user: UserOut.pick({ id: true, email: true, name: true, role_id: true, role: true, active: true, can_manage_tokens: true }),
  authentication: z.enum(["token", "basic", "session"]),
  token: z
    .object({
      id: z.number().int(),
      display: z.string(),
      description: z.string(),
      expires_at: z.iso.datetime().nullable(),
      write_enabled: z.boolean(),
      allowed_ips: z.array(z.string()),
      scopes: z.array(z.enum(ALL_PERMISSIONS)),
    })
    .nullable(),
  permissions: z.array(z.enum(ALL_PERMISSIONS)),
});

/** POST /api/v1/tokens/revoke: how many keys were revoked, never which. */
export const RevokedOut = z.object({ revoked: z.number().int().min(0) });

/** GET /api/v1/openapi.json: this document (its own structure is checked by tests/openapi-coverage.test.ts). */
export const OpenApiDocumentOut = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
  components: z.record(z.string(), z.unknown()),
});

// GET /api/v1/user/self (Cloudsmith): who am I, how did this request authenticate, with which token,
// and what may it do.
import type { Principal } from "../auth/principal.ts";
import { normalizePermissions } from "../auth/permissions.ts";

export async function describeSelf(principal: Principal) {
  const user = principal.user!;
  const token = principal.token;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role_id: user.role.id,
      role: user.role.name,
      active: user.active,
      can_manage_tokens: user.canManageTokens,
    },
    authentication: principal.method,
    token: token
      ? {
          id: token.id,
          display: token.display,
          description: token.description,
          expires_at: token.expiresAt?.toISOString() ?? null,
          write_enabled: token.writeEnabled,
          allowed_ips: token.allowedIps,
          scopes: token.scopes,
        }
      : null,
    permissions: normalizePermissions(principal.permissions),
  };
}

// POST /api/v1/auth/token (NetBox provision, Crux, Cloudsmith): e-mail + password → a new token.
// Throttled and audited like Basic auth; refused after a correct password when the user may not manage tokens.
import { ApiError, DETAIL } from "../errors.ts";
import { authenticatePassword } from "../auth/password-auth.ts";
import type { Principal } from "../auth/principal.ts";
import { recordAudit } from "../audit/index.ts";
import type { z } from "../validation/common.ts";
import type { TokenProvision } from "../validation/tokens.ts";
import { createToken, serializeToken } from "./index.ts";

export async function provisionToken(principal: Principal, input: z.infer<typeof TokenProvision>) {
  // A wrong password is audited (aggregated, without what was typed) by authenticatePassword.
  const user = await authenticatePassword(input.email ?? input.username ?? "", input.password, principal.ip, "provision");
  if (!user.canManageTokens || !user.role.permissions.includes("tokens:write")) {
    await recordAudit(
      { userId: user.id, label: user.email, ip: principal.ip, authMethod: "password" },
      { action: "token.provision_failed", targetType: "user", targetId: user.id, subjectId: user.id, detail: { reason: DETAIL.noTokenManagement } },
    );
    throw new ApiError(403, DETAIL.noTokenManagement);
  }
  const { token, key } = await createToken({
    userId: user.id,
    createdById: user.id,
    description: input.description ?? "Provisioned with a password",
    expiresAt: input.expires_at ?? null,
    writeEnabled: input.write_enabled ?? true,
  });
  await recordAudit(
    { userId: user.id, label: user.email, ip: principal.ip, authMethod: "password" },
    { action: "token.provision", targetType: "token", targetId: token.id, subjectId: user.id, detail: { display: token.display } },
  );
  return serializeToken(token, key);
}

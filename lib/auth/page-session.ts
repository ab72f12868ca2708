// Who is signed in, for server-rendered pages. next-auth's getServerSession verifies the cookie; then the
// user is re-read the way the API reads it (active, session version), so a deactivated user or a
// revoked session is signed out on the page as it is on the API, not trusted until the cookie expires.
import { getServerSession } from "next-auth/next";
import { headers } from "next/headers";
import { authOptions, readSessionUser } from "./session.ts";
import { isAdmin, type Permission } from "./permissions.ts";

export interface PageUser {
  id: number;
  email: string;
  name: string;
  role: string;
  canManageTokens: boolean;
  permissions: Permission[];
}

export async function currentPageUser(): Promise<PageUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "number") return null;
  const cookie = (await headers()).get("cookie") ?? "";
  const user = await readSessionUser(new Request("http://localhost/", { headers: { cookie } }));
  if (!user || user.id !== id) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role.name,
    canManageTokens: user.canManageTokens,
    permissions: user.role.permissions,
  };
}

/** Admins (lib/auth/permissions.ts) see the Admin link in the header. */
export { isAdmin };

/** What the site header shows of the signed-in user. */
export const headerUser = (user: PageUser | null) => (user ? { email: user.email, isAdmin: isAdmin(user) } : null);

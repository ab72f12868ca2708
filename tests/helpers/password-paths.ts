// The three ways a password is tried (API.md §2: Basic, POST /api/v1/auth/token, the browser sign-in
// through next-auth's credentials `authorize`), called through the real route handlers and provider.
// Free of node:test, so a second Beacon process (tests/helpers/second-instance.ts) can use it too.
import { CLIENT_IP_HEADER } from "../../lib/net.ts";

export type PasswordPath = "basic" | "provision" | "sign_in";
export const PASSWORD_PATHS: PasswordPath[] = ["basic", "provision", "sign_in"];

/** What came of one attempt: the password was checked and refused, accepted, or throttled before any check. */
export type Outcome = "refused" | "accepted" | "throttled" | `unexpected ${string}`;

const ROUTES = {
  self: "../../app/api/v1/user/self/route.ts",
  provision: "../../app/api/v1/auth/token/route.ts",
};

function fromStatus(status: number, detail: unknown): Outcome {
  if (status === 401 && detail === "Invalid username/password.") return "refused";
  if (status === 429) return "throttled";
  if (status === 200 || status === 201) return "accepted";
  return `unexpected ${status} ${String(detail)}`;
}

export async function tryPassword(path: PasswordPath, email: string, password: string, ip: string): Promise<Outcome> {
  const headers: Record<string, string> = { host: "beacon.test", [CLIENT_IP_HEADER]: ip };
  if (path === "basic") {
    const { GET } = await import(ROUTES.self);
    headers.authorization = `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
    const res: Response = await GET(new Request("http://beacon.test/api/v1/user/self", { headers }), { params: Promise.resolve({}) });
    return fromStatus(res.status, ((await res.json()) as { detail?: string }).detail);
  }
  if (path === "provision") {
    const { POST } = await import(ROUTES.provision);
    headers["content-type"] = "application/json";
    const req = new Request("http://beacon.test/api/v1/auth/token", { method: "POST", headers, body: JSON.stringify({ email, password }) });
    const res: Response = await POST(req, { params: Promise.resolve({}) });
    return fromStatus(res.status, ((await res.json()) as { detail?: string }).detail);
  }
  const { authOptions } = await import("../../lib/auth/session.ts");
  // next-auth keeps the provider's own authorize in `options` and calls it with the request's headers.
  const provider = authOptions.providers[0] as unknown as { options: { authorize(c: unknown, r: unknown): Promise<unknown> } };
  try {
    const user = await provider.options.authorize({ email, password }, { headers: { [CLIENT_IP_HEADER]: ip } });
    return user ? "accepted" : "refused";
  } catch (err) {
    const message = (err as Error).message;
    return /^Request was throttled\. Expected available in \d+ seconds\.$/.test(message) ? "throttled" : `unexpected ${message}`;
  }
}

/** Runs `n` attempts at once and tallies their outcomes. */
export async function tryInParallel(path: PasswordPath, email: (i: number) => string, password: string, ip: string, n: number) {
  const outcomes = await Promise.all(Array.from({ length: n }, (_, i) => tryPassword(path, email(i), password, ip)));
  const tally: Record<string, number> = {};
  for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
  return tally;
}

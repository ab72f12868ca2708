// Methods outside GET/HEAD/POST/PUT/PATCH/DELETE/OPTIONS (issue 9 item 14): Next answered TRACE with a
// 500 and PROPFIND with a bodiless 400 before any route ran. Beacon's server answers them itself: API.md's
// JSON 405 with the Allow the route gives (a JSON 404 for an unknown API path), and a 405 on pages.
import http from "node:http";
import { expect, test } from "@playwright/test";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request with any method (Playwright's request context and fetch() refuse some of them). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: Number(process.env.E2E_PORT), method, path, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.end(body);
  });
}

const METHODS = ["TRACE", "PROPFIND", "MKCOL", "PROPPATCH", "LOCK", "UNLOCK", "COPY", "MOVE", "SEARCH", "PURGE", "REPORT", "LINK"];

test("an unknown method on an API endpoint is a JSON 405 with the endpoint's own Allow", async () => {
  for (const [path, allow] of [
    ["/api/v1/components", "GET, POST, HEAD, OPTIONS"],
    ["/api/v1/components/", "GET, POST, HEAD, OPTIONS"],
    ["/api/v1/tokens/revoke", "POST, OPTIONS"],
    ["/api/v1/", "GET, HEAD, OPTIONS"],
  ] as const) {
    const options = await send("OPTIONS", path);
    expect(options.headers.allow, `OPTIONS ${path}`).toBe(allow);
    for (const method of METHODS) {
      // A TRACE request may not carry content (RFC 9110 §9.3.8): Node's parser refuses one with a 400.
      const res = method === "TRACE" ? await send(method, path) : await send(method, path, { "Content-Type": "application/json" }, "{}");
      expect([res.status, res.headers["content-type"]], `${method} ${path}`).toEqual([405, "application/json"]);
      expect(JSON.parse(res.text)).toEqual({ detail: `Method "${method}" not allowed.` });
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
  }
});

test("an unknown method on an unknown API path is the JSON 404 every other method gets", async () => {
  for (const method of ["TRACE", "PROPFIND"]) {
    const res = await send(method, "/api/v1/nope/nothing");
    expect([res.status, JSON.parse(res.text)], method).toEqual([404, { detail: "Not found." }]);
  }
});

test("TRACE never echoes the request (credentials included) and pages answer a 405, not a 500 or the page", async () => {
  const secret = `Token bcn_${"x".repeat(36)}`;
  for (const path of ["/", "/login", "/profile", "/docs/api", "/api/auth/session"]) {
    const res = await send("TRACE", path, { Authorization: secret, Cookie: "next-auth.session-token=abc" });
    expect(res.status, `TRACE ${path}`).toBe(405);
    expect(res.headers.allow, path).toBeTruthy();
    expect(res.text).not.toContain("bcn_");
    expect(res.text).not.toContain("session-token");
  }
});

// One webhook attempt over HTTP(S): signed as Standard Webhooks says, sent to the address the SSRF check
// approved (the connection's own lookup answers with it, so DNS is asked once), no redirects followed,
// short time-outs, and at most a few KiB of the answer read.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { forbiddenAddressReason, allowPrivateTargets, resolveTarget, TargetRefused } from "./ssrf.ts";
import type { SendOutcome } from "../outbox/types.ts";

export const CONNECT_TIMEOUT_MS = 5_000;
export const RESPONSE_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 4096;

export interface SignedRequest {
  url: string;
  messageId: string;
  body: string;
  /** The current secret first; a recently rotated one after it (a second signature, as the spec allows). */
  secrets: string[];
  timestamp?: Date;
}

/** The three Standard Webhooks headers for `body`, one `v1,<base64>` signature per secret, space-separated. */
export function signatureHeaders(request: SignedRequest): Record<string, string> {
  const timestamp = request.timestamp ?? new Date();
  const signature = request.secrets.map((secret) => new Webhook(secret).sign(request.messageId, timestamp, request.body)).join(" ");
  return {
    "webhook-id": request.messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

export async function postWebhook(request: SignedRequest): Promise<SendOutcome> {
  const url = new URL(request.url);
  let target;
  try {
    target = await resolveTarget(url.hostname);
  } catch (err) {
    if (err instanceof TargetRefused) return { ok: false, error: err.message };
    throw err;
  }
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const transport = url.protocol === "https:" ? https : http;
  const body = Buffer.from(request.body, "utf8");
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      req.destroy();
      resolve(outcome);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        lookup,
        agent: false,
        headers: {
          ...signatureHeaders(request),
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": "Beacon-Webhooks/1.0",
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (read < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - read));
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) done();
        });
        res.on("end", done);
        res.on("error", done);
        function done() {
          if (status >= 200 && status < 300) return finish({ ok: true, responseStatus: status });
          const text = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim().slice(0, 200);
          const redirect = status >= 300 && status < 400 ? ` (redirects are not followed${res.headers.location ? `: ${res.headers.location.slice(0, 200)}` : ""})` : "";
          finish({ ok: false, responseStatus: status, error: `HTTP ${status}${redirect}${text ? `: ${text}` : ""}` });
        }
      },
    );
    // The connection must reach the address that was checked, whatever else happened on the way.
    req.on("socket", (socket) => {
      const connectTimer = setTimeout(() => finish({ ok: false, error: `Connection timed out after ${CONNECT_TIMEOUT_MS} ms.` }), CONNECT_TIMEOUT_MS);
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => {
        clearTimeout(connectTimer);
        const remote = socket.remoteAddress ?? "";
        const why = allowPrivateTargets() ? null : forbiddenAddressReason(remote);
        if (why) finish({ ok: false, error: `Connected to ${remote}, a ${why} address: refused.` });
      });
      socket.once("close", () => clearTimeout(connectTimer));
    });
    req.on("error", (err) => finish({ ok: false, error: err.message || "Connection failed." }));
    const overall = setTimeout(() => finish({ ok: false, error: `No complete answer within ${RESPONSE_TIMEOUT_MS} ms.` }), RESPONSE_TIMEOUT_MS);
    req.end(body);
  });
}

// The List-Unsubscribe URL of every notification. RFC 8058 one-click: a POST (mail clients send
// `List-Unsubscribe=One-Click`, form-encoded) unsubscribes at once, without a page. A GET (someone opening
// the URL) only leads to the manage page: link scanners that prefetch URLs must not unsubscribe anyone.
import { ApiError } from "@/lib/errors";
import { unsubscribe } from "@/lib/subscriptions";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });

export async function POST(req: Request): Promise<Response> {
  const code = new URL(req.url).searchParams.get("code") ?? "";
  try {
    await unsubscribe(code);
    return text(200, "You are unsubscribed. No more e-mails will be sent to you.");
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return text(400, "This unsubscribe link is not valid, or you are unsubscribed already.");
    if (err instanceof ApiError) return text(err.status, err.detail);
    // The database being away is a 503 the mail client may retry; never a stack trace.
    console.error("one-click unsubscribe failed:", err instanceof Error ? err.message : err);
    return new Response("Service temporarily unavailable.\n", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" } });
  }
}

export async function GET(req: Request): Promise<Response> {
  const code = new URL(req.url).searchParams.get("code") ?? "";
  return new Response(null, { status: 303, headers: { Location: `/subscribe/manage?code=${encodeURIComponent(code)}`, "Cache-Control": "no-store" } });
}

// Readiness: the database answers within BEACON_READY_TIMEOUT_MS, else 503 + Retry-After. lib/health.
import { probeMethodNotAllowed, probeOptions, readyResponse } from "@/lib/health";

export const GET = readyResponse;
export const HEAD = readyResponse;
export const OPTIONS = probeOptions;
export const POST = probeMethodNotAllowed;
export const PUT = probeMethodNotAllowed;
export const PATCH = probeMethodNotAllowed;
export const DELETE = probeMethodNotAllowed;

// Liveness: a bare route handler (no wrapper, no database), so it measures Next's own floor. lib/health.
import { healthResponse, probeMethodNotAllowed, probeOptions } from "@/lib/health";

export const GET = healthResponse;
export const HEAD = healthResponse;
export const OPTIONS = probeOptions;
export const POST = probeMethodNotAllowed;
export const PUT = probeMethodNotAllowed;
export const PATCH = probeMethodNotAllowed;
export const DELETE = probeMethodNotAllowed;

"use client";
// Any page whose render fails: a friendly page instead of Next's bare error. Beacon's server turns the
// status into 503 + Retry-After when the failure was a database outage (server.ts).
import { UnavailableNotice } from "@/components/UnavailableNotice";

export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnavailableNotice onRetry={reset} />;
}

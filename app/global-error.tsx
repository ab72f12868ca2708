"use client";
// A failure in the root layout itself: the same friendly page, with its own <html> and <body>.
import "./globals.css";
import { UnavailableNotice } from "@/components/UnavailableNotice";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>Temporarily unavailable · Beacon</title>
        <UnavailableNotice onRetry={reset} />
      </body>
    </html>
  );
}

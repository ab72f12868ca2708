import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: "Beacon",
  description: "Service status and updates",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so that Next can put proxy.ts's fresh CSP nonce on its scripts
  // (a page prerendered at build time, such as the 404 page, would carry none and its scripts be blocked).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}

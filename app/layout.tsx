import type { Metadata } from "next";
import { connection } from "next/server";
import { Providers } from "@/components/ui/Providers";
import { siteName } from "@/lib/settings";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  // The site name an admin set, in every title ("Your profile · Acme status"); Beacon while it cannot be read.
  const name = await siteName().catch(() => "Beacon");
  return { title: { default: name, template: `%s · ${name}` }, description: "Service status and updates" };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so that Next can put proxy.ts's fresh CSP nonce on its scripts
  // (a page prerendered at build time, such as the 404 page, would carry none and its scripts be blocked).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:outline-2 focus:outline-offset-2 focus:outline-sky-700"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

import Link from "next/link";

// Beacon's own 404 page: Next's default one styles itself inline, which the pages' CSP (proxy.ts) refuses.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-500">There is nothing at this address.</p>
      <p className="mt-6">
        <Link href="/" className="underline">
          Back to the status page
        </Link>
      </p>
    </main>
  );
}

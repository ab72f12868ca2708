// What a visitor sees when a page cannot be rendered (the database is down, or anything else failed):
// the brand, a plain explanation and a way to try again; never an error message or a stack trace.
export function UnavailableNotice({ onRetry }: { onRetry?: () => void }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-3 text-xl font-semibold">
          <a href="/" className="text-slate-900 hover:text-slate-700">
            Beacon
          </a>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10 focus:outline-none" data-testid="unavailable">
        <section role="alert" className="rounded-lg bg-amber-500 p-4 font-medium text-white">
          This page is temporarily unavailable.
        </section>
        <p className="mt-4 text-slate-600">We could not load it just now. Please try again in a few seconds.</p>
        {onRetry ? (
          <button type="button" onClick={onRetry} className="mt-4 rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700">
            Try again
          </button>
        ) : null}
      </main>
    </>
  );
}

// Shared class names, so every form control looks and focuses the same, in light and dark.
export const inputClass =
  "block w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700 disabled:bg-slate-100 disabled:text-slate-600 aria-[invalid=true]:border-red-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:focus:border-sky-300 dark:focus:outline-sky-300 dark:disabled:bg-slate-800 dark:disabled:text-slate-400 dark:aria-[invalid=true]:border-red-400";

export const checkboxClass =
  "h-4 w-4 rounded border-slate-400 accent-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 disabled:opacity-50 dark:accent-sky-300 dark:focus-visible:outline-sky-300";

/** Text links inside the pages. */
export const linkClass = "text-sky-800 underline underline-offset-2 hover:text-sky-950 dark:text-sky-300 dark:hover:text-sky-100";

/** Secondary text: 4.5:1 or more on the page and card backgrounds of both schemes. */
export const mutedText = "text-slate-600 dark:text-slate-400";

// Shared class names, so every form control looks and focuses the same.
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-300 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500";

export const checkboxClass = "h-4 w-4 rounded border-slate-300 text-slate-900 focus:ring-2 focus:ring-slate-400 disabled:opacity-50";

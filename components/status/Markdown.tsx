import { renderMarkdown } from "@/lib/markdown";
import { cn } from "@/components/ui/cn";

/**
 * Markdown of an incident, an update, a maintenance or a page, through lib/markdown (raw HTML shown as text,
 * only safe links). A <div>: the HTML holds paragraphs and lists, which a <p> may not contain.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  if (!source.trim()) return null;
  return (
    <div
      className={cn(
        "break-words [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800 [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-5",
        className,
      )}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
}

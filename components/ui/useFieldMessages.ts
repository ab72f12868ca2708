"use client";

import { useEffect, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { ApiProblem } from "@/lib/client/api";
import { fieldMessages } from "@/lib/client/form";

/**
 * The messages to show beside each field: the browser's check (react-hook-form clears those as the
 * user types) and the API's answer, which is cleared for a field as soon as the user edits it.
 */
export function useFieldMessages<V extends FieldValues>(form: UseFormReturn<V>, problem: ApiProblem | null) {
  const [edited, setEdited] = useState<{ of: ApiProblem | null; names: ReadonlySet<string> }>({ of: null, names: new Set() });
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (!name || !problem) return;
      const field = String(name).split(".")[0];
      setEdited((prev) => ({ of: problem, names: new Set([...(prev.of === problem ? prev.names : []), field]) }));
    });
    return () => subscription.unsubscribe();
  }, [form, problem]);
  const names = edited.of === problem ? edited.names : new Set<string>();
  const { errors } = form.formState;
  return (...fields: string[]) => fieldMessages(errors, fields.some((f) => names.has(f)) ? null : problem, ...fields);
}

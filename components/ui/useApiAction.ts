"use client";

import { useCallback, useState } from "react";
import { ApiProblem, toProblem } from "@/lib/client/api";

/**
 * The state every form and button that calls the API keeps: busy while a call runs, and the API's
 * refusal (or a network failure) to show. `run` resolves to whether the action succeeded.
 */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (err) {
      setProblem(toProblem(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, setProblem, run };
}

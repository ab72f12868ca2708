// Moving focus after an action, once React has re-rendered: the control pressed may be disabled while
// busy, replaced or gone, and focus must never fall to the page body (WCAG 2.4.3).

type Target = () => HTMLElement | null | undefined;

/** Focuses the first target that is in the page and enabled, trying again for a few frames. */
export function focusSoon(...targets: Target[]): void {
  let frames = 0;
  const attempt = () => {
    for (const target of targets) {
      const el = target();
      if (el && el.isConnected && !(el as HTMLButtonElement).disabled) {
        el.focus();
        if (document.activeElement === el) return;
      }
    }
    if (++frames < 10) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The first alert (an error message) inside `root`, to focus after a refusal. */
export const alertIn = (root: HTMLElement | null | undefined) => () => root?.querySelector<HTMLElement>("[role=alert]");

/** After a refused submit: the first field marked invalid, else the form's error message. */
export function focusFirstProblem(form: () => HTMLElement | null | undefined): void {
  focusSoon(
    () => form()?.querySelector<HTMLElement>('[aria-invalid="true"]'),
    () => form()?.querySelector<HTMLElement>("[role=alert]"),
  );
}

/** Asks the key dialog to open (optionally on one provider). */
export const openKeyDialogEvent = "kimi-workbench:open-key-dialog";

/** Opens the key dialog from anywhere on the page. */
export function openKeyDialog(providerId?: string): void {
  window.dispatchEvent(new CustomEvent(openKeyDialogEvent, { detail: { providerId } }));
}

/** Asks the code dialog to open. */
export const openCodeDialogEvent = "kimi-workbench:open-code-dialog";

/** Opens the "View code" dialog from anywhere on the page. */
export function openCodeDialog(): void {
  window.dispatchEvent(new CustomEvent(openCodeDialogEvent));
}

/** Asks the parameters dialog (narrow screens) to open. */
export const openParametersDialogEvent = "kimi-workbench:open-parameters";

/** Opens the parameters dialog on narrow screens. */
export function openParametersDialog(): void {
  window.dispatchEvent(new CustomEvent(openParametersDialogEvent));
}

/** Asks the history sidebar to show or hide itself (narrow screens, where it is hidden by default). */
export const toggleHistoryEvent = "kimi-workbench:toggle-history";

/** Shows or hides the history on narrow screens. */
export function toggleHistory(): void {
  window.dispatchEvent(new CustomEvent(toggleHistoryEvent));
}

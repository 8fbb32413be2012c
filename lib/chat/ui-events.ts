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

/** Puts the keyboard in the message box (after starting a new conversation, where writing comes next). */
export function focusMessageBox(): void {
  // After the render that shows the new conversation, and after a sheet or drawer that held the
  // button has closed and handed focus back to its own opener.
  window.setTimeout(() => document.getElementById("message-box")?.focus(), 50);
}

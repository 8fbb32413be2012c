/** Asks the key dialog to open (optionally on one provider). */
export const openKeyDialogEvent = "kimi-workbench:open-key-dialog";

/** Opens the key dialog from anywhere on the page. */
export function openKeyDialog(providerId?: string): void {
  window.dispatchEvent(new CustomEvent(openKeyDialogEvent, { detail: { providerId } }));
}

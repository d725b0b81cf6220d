// Keyboard and screen-reader users land on a screen's heading after navigating to it.
let initialLoadDone = false;

/** Svelte action: focuses the node when a screen is opened by navigation (not at launch). */
export function focusOnNavigate(node: HTMLElement): void {
  if (!initialLoadDone) {
    initialLoadDone = true;
    return;
  }
  const active = document.activeElement;
  // Don't take focus from someone typing in the search box.
  if (active instanceof HTMLInputElement && active.type === "search") return;
  node.focus({ preventScroll: false });
}

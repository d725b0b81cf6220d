// Closing the window while answers wait to be sent (a typing pause, a field not left yet).
//
// Once a JS listener for "close-requested" exists, Tauri keeps the window open and the
// listener must destroy it itself (`onCloseRequested` calls `destroy()` when not prevented),
// which needs the `core:window:allow-destroy` permission: the app's capability ("main" in
// tauri.conf.json) grants it. Closing then waits (at most CLOSE_FLUSH_MS) until what waits is
// sent. When `flush` answers false (something could not be saved: refused, failed, a disk
// that is full), the first close request keeps the window open so the screen can say what;
// the next one closes. Without the permission (CAN_DESTROY_WINDOW false) the fallback runs: nothing prevents
// the close, and what waits is sent when the page goes away (pagehide / beforeunload).
import { isTauri } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";

/** Whether the window may destroy itself: `core:window:allow-destroy` in its capability. */
export const CAN_DESTROY_WINDOW = true;
/** How long closing waits for the saves before it closes anyway. */
export const CLOSE_FLUSH_MS = 3000;

export type CloseGuardOptions = { tauri?: boolean; canDestroy?: boolean; timeoutMs?: number };

/**
 * `flush` sends what waits and resolves when every save is through, with false when
 * something is still not stored. Returns the clean-up.
 * Outside Tauri (jsdom tests, the browser preview) only the page events are used.
 */
export function guardWindowClose(
  flush: () => Promise<void | boolean>,
  options: CloseGuardOptions = {},
): () => void {
  const tauri = options.tauri ?? isTauri();
  const canDestroy = options.canDestroy ?? CAN_DESTROY_WINDOW;
  const timeoutMs = options.timeoutMs ?? CLOSE_FLUSH_MS;

  const now = () => void flush().catch(() => undefined);
  window.addEventListener("pagehide", now);
  window.addEventListener("beforeunload", now);

  let stopped = false;
  let warned = false;
  let unlisten: (() => void) | null = null;
  if (tauri && canDestroy) {
    const win = getCurrentWindow();
    win
      .onCloseRequested(async (event) => {
        event.preventDefault();
        const clean = await withTimeout(flush(), timeoutMs);
        if (clean === false && !warned) {
          warned = true;
          return;
        }
        try {
          await win.destroy();
        } catch {
          // Not permitted after all: stop listening, so the next close request closes.
          unlisten?.();
          unlisten = null;
        }
      })
      .then(
        (stop) => (stopped ? stop() : (unlisten = stop)),
        () => undefined,
      );
  }

  return () => {
    stopped = true;
    window.removeEventListener("pagehide", now);
    window.removeEventListener("beforeunload", now);
    unlisten?.();
    unlisten = null;
  };
}

/** What `work` answers, or undefined when it fails or takes longer than `ms`. */
function withTimeout(work: Promise<void | boolean>, ms: number): Promise<void | boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

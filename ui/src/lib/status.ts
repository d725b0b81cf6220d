// Records waiting to be sent change when a job is completed or a signal, complaint,
// not-home report or correction is recorded; the header's count then refreshes at once
// instead of at the next periodic status poll.
const EVENT = "veldwerk:records-changed";

export function notifyRecordsChanged(): void {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(EVENT));
}

/** Calls `refresh` on every change; returns the unsubscribe function. */
export function onRecordsChanged(refresh: () => void): () => void {
  window.addEventListener(EVENT, refresh);
  return () => window.removeEventListener(EVENT, refresh);
}

// Loads one view for a screen: the latest request wins, failures become an AppError.
import { untrack } from "svelte";
import { toAppError, type AppError } from "./backend";

export function createLoader<K, T>(fetch: (key: K) => Promise<T>) {
  const state = $state<{ data: T | null; error: AppError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: false,
  });
  let request = 0;

  /** `keep`: a refresh of the same key, which keeps showing the current data meanwhile. */
  async function load(key: K, keep = false): Promise<void> {
    const mine = ++request;
    state.loading = true;
    state.error = null;
    if (!keep) state.data = null; // never show one resident's data under another's address
    try {
      const data = await fetch(key);
      if (mine === request) state.data = data;
    } catch (failure) {
      if (mine === request) {
        state.data = null;
        state.error = toAppError(failure);
      }
    } finally {
      if (mine === request) state.loading = false;
    }
  }

  /** Call inside a component's script: reloads whenever `key()` changes. */
  function follow(key: () => K): void {
    $effect(() => {
      const current = key();
      untrack(() => void load(current));
    });
  }

  return { state, load, follow };
}

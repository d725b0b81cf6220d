// Instant offline search: debounced, and responses that arrive out of order are ignored
// (only the answer to the latest request is shown).
import type { SearchResults } from "./bindings";
import { search as searchBackend, toAppError, type AppError } from "./backend";

export const MIN_QUERY_LENGTH = 2;
export const SEARCH_DEBOUNCE_MS = 60;

export type SearchState = {
  query: string;
  results: SearchResults | null;
  pending: boolean;
  error: AppError | null;
};

export function createSearch(
  run: (query: string) => Promise<SearchResults>,
  debounceMs = SEARCH_DEBOUNCE_MS,
) {
  const state: SearchState = $state({ query: "", results: null, pending: false, error: null });
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: string | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  async function execute(query: string): Promise<void> {
    const mine = ++latest;
    try {
      const results = await run(query);
      if (mine !== latest) return; // an older request answered late: drop it
      state.results = results;
      state.error = null;
    } catch (failure) {
      if (mine !== latest) return;
      state.results = null;
      state.error = toAppError(failure);
    } finally {
      if (mine === latest) state.pending = false;
    }
  }

  function start(query: string): Promise<void> {
    waiting = null;
    timer = undefined;
    inFlight = execute(query);
    return inFlight;
  }

  /** Sets the query and searches after the debounce. Short queries clear the results. */
  function setQuery(query: string): void {
    state.query = query;
    clearTimeout(timer);
    timer = undefined;
    const trimmed = query.trim();
    if (trimmed.length < MIN_QUERY_LENGTH) {
      latest++; // any request still under way is now stale
      waiting = null;
      state.results = null;
      state.error = null;
      state.pending = false;
      return;
    }
    state.pending = true;
    waiting = trimmed;
    timer = setTimeout(() => start(trimmed), debounceMs);
  }

  /** Runs a waiting search at once; resolves when the latest search has answered. */
  function flush(): Promise<void> {
    if (waiting !== null) {
      clearTimeout(timer);
      return start(waiting);
    }
    return inFlight;
  }

  function clear(): void {
    setQuery("");
  }

  return { state, setQuery, flush, clear };
}

/** The app's one search (the header box and the search screen share it). */
export const appSearch = createSearch((query) => searchBackend(query));

/** The results the search screen shows: none for a query too short to search. */
export function shownResults(state: SearchState): SearchResults | null {
  return state.query.trim().length < MIN_QUERY_LENGTH ? null : state.results;
}

/** The id of the result list, which the search box moves focus into with the arrow keys. */
export const SEARCH_RESULTS_ID = "search-results";
export const SEARCH_INPUT_ID = "search-input";

/** The focusable result links, in reading order. */
export function resultItems(): HTMLElement[] {
  const list = document.getElementById(SEARCH_RESULTS_ID);
  return list ? Array.from(list.querySelectorAll<HTMLElement>("[data-nav-item]")) : [];
}

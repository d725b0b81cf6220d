// Hash routing: #/today, #/today/2026-03-30, #/resident/<id>, #/device/<id>, #/job/<id>,
// #/search?q=..., #/sync
// The browser's history does back/forward; `hashchange` keeps `router.route` in step.
import { isYmd } from "./format";

export type Route =
  | { name: "today"; date: string | null }
  | { name: "resident"; id: string }
  | { name: "device"; id: string }
  | { name: "job"; id: string }
  | { name: "search"; q: string }
  | { name: "sync" }
  | { name: "not_found"; hash: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [pathPart, queryPart = ""] = raw.split("?", 2);
  const segments = pathPart.split("/").filter((s) => s.length > 0).map(safeDecode);
  const [first, second, ...rest] = segments;
  if (rest.length === 0) {
    if (first === undefined) return { name: "today", date: null };
    if (first === "today" && second === undefined) return { name: "today", date: null };
    if (first === "today" && second !== undefined && isYmd(second)) {
      return { name: "today", date: second };
    }
    if (first === "resident" && second) return { name: "resident", id: second };
    if (first === "device" && second) return { name: "device", id: second };
    if (first === "job" && second) return { name: "job", id: second };
    if (first === "sync" && second === undefined) return { name: "sync" };
    if (first === "search" && second === undefined) {
      return { name: "search", q: new URLSearchParams(queryPart).get("q") ?? "" };
    }
  }
  return { name: "not_found", hash: raw };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case "today":
      return route.date ? `#/today/${route.date}` : "#/today";
    case "resident":
      return `#/resident/${encodeURIComponent(route.id)}`;
    case "device":
      return `#/device/${encodeURIComponent(route.id)}`;
    case "job":
      return `#/job/${encodeURIComponent(route.id)}`;
    case "search":
      return route.q ? `#/search?${new URLSearchParams({ q: route.q })}` : "#/search";
    case "sync":
      return "#/sync";
    case "not_found":
      return `#${route.hash}`;
  }
}

export const residentHref = (id: string) => routeHref({ name: "resident", id });
export const deviceHref = (id: string) => routeHref({ name: "device", id });
export const jobHref = (id: string) => routeHref({ name: "job", id });
export const todayHref = (date: string | null = null) => routeHref({ name: "today", date });

function currentHash(): string {
  return typeof location === "undefined" ? "" : location.hash;
}

/**
 * `route`: where we are. `depth`: how many of our own history entries lie behind the current
 * one (the window has no browser buttons, so the header offers Back when depth > 0).
 */
export const router = $state({ route: parseHash(currentHash()), depth: 0 });

function entryDepth(): number | null {
  const state: unknown = history.state;
  if (typeof state === "object" && state !== null && "veldwerkDepth" in state) {
    const depth = (state as { veldwerkDepth: unknown }).veldwerkDepth;
    if (typeof depth === "number") return depth;
  }
  return null;
}

function markEntry(depth: number): void {
  const state = typeof history.state === "object" && history.state !== null ? history.state : {};
  history.replaceState({ ...state, veldwerkDepth: depth }, "");
}

/** After any hash change: a known entry (back/forward) restores its depth; a new one is marked. */
function onHashChange(): void {
  const known = entryDepth();
  if (known === null) {
    router.depth += 1;
    markEntry(router.depth);
  } else {
    router.depth = known;
  }
  router.route = parseHash(location.hash);
}

export function goBack(): void {
  if (router.depth > 0) history.back();
}

export function goForward(): void {
  history.forward();
}

/** Goes to `href` ("#/..."): a new history entry, or replacing the current one. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(history.state, "", href);
    router.route = parseHash(href);
  } else if (location.hash !== href) {
    location.hash = href; // fires hashchange, which updates the route
  }
}

if (typeof window !== "undefined") {
  const depth = entryDepth();
  if (depth === null) markEntry(0);
  else router.depth = depth;
  window.addEventListener("hashchange", onHashChange);
}

import { describe, expect, it } from "vitest";
import { waitFor } from "@testing-library/svelte";
import { goBack, navigate, parseHash, routeHref, router } from "../src/lib/router.svelte";

describe("hash routes", () => {
  it("parses every route", () => {
    expect(parseHash("")).toEqual({ name: "today", date: null });
    expect(parseHash("#/today")).toEqual({ name: "today", date: null });
    expect(parseHash("#/today/2026-03-30")).toEqual({ name: "today", date: "2026-03-30" });
    expect(parseHash("#/resident/abc-1")).toEqual({ name: "resident", id: "abc-1" });
    expect(parseHash("#/device/d%201")).toEqual({ name: "device", id: "d 1" });
    expect(parseHash("#/search?q=van%20der")).toEqual({ name: "search", q: "van der" });
    expect(parseHash("#/search")).toEqual({ name: "search", q: "" });
    expect(parseHash("#/job/j-1")).toEqual({ name: "job", id: "j-1" });
    expect(parseHash("#/today/2026-02-30").name).toBe("not_found");
    expect(parseHash("#/elsewhere").name).toBe("not_found");
  });

  it("round-trips", () => {
    for (const hash of ["#/today", "#/today/2026-03-30", "#/resident/r1", "#/device/d1", "#/job/j1"]) {
      expect(routeHref(parseHash(hash))).toBe(hash);
    }
    expect(parseHash(routeHref({ name: "search", q: "Dorpsstraat 12 & co" }))).toEqual({
      name: "search",
      q: "Dorpsstraat 12 & co",
    });
  });
});

describe("history", () => {
  it("follows back and forward, and knows when there is something to go back to", async () => {
    navigate("#/today");
    await waitFor(() => expect(router.route).toEqual({ name: "today", date: null }));
    const start = router.depth;

    navigate("#/resident/r1");
    await waitFor(() => expect(router.route).toEqual({ name: "resident", id: "r1" }));
    expect(router.depth).toBe(start + 1);

    navigate("#/device/d1");
    await waitFor(() => expect(router.route).toEqual({ name: "device", id: "d1" }));
    expect(router.depth).toBe(start + 2);

    goBack();
    await waitFor(() => expect(router.route).toEqual({ name: "resident", id: "r1" }));
    expect(router.depth).toBe(start + 1);

    history.forward();
    await waitFor(() => expect(router.route).toEqual({ name: "device", id: "d1" }));
    expect(router.depth).toBe(start + 2);

    navigate("#/search?q=ab", { replace: true });
    expect(router.route).toEqual({ name: "search", q: "ab" });
    expect(router.depth).toBe(start + 2);
    goBack();
    await waitFor(() => expect(router.route).toEqual({ name: "resident", id: "r1" }));
  });
});

import { describe, expect, it } from "vitest";
import { formatDecimal, itemOf, parseDecimal, stepItems, stepOf } from "../src/lib/job";
import { quickDays } from "../src/lib/jobInput";
import { hoistView, pmView, progress } from "./jobFixtures";

describe("items found by the back end's answer keys", () => {
  it("finds the step instance of a per-sling key", () => {
    const view = hoistView();
    expect(stepOf(view, "sling[s-2].stitching")).toMatchObject({ step_id: "sling", instance: "s-2" });
    expect(stepOf(view, "hoist.mast")).toMatchObject({ step_id: "hoist", instance: null });
    expect(stepOf(view, "sling[s-3].burns")).toBeUndefined();
  });

  it("pairs the template step's items with the keys in order, whatever the keys look like", () => {
    // The keys are the back end's: the UI uses them as given, never builds them from ids.
    const view = pmView();
    const opaque = progress("frame", "Frame", ["k-1", "k-2", "k-3", "k-4"]);
    expect(stepItems(view, opaque).map(({ item, key }) => [item.id, key])).toEqual([
      ["brakes", "k-1"],
      ["tyres", "k-2"],
      ["lights", "k-3"],
      ["tyre_pressure", "k-4"],
    ]);
    expect(itemOf({ ...view, steps: [opaque] }, "k-4")?.id).toBe("tyre_pressure");
    expect(itemOf(hoistView(), "sling[s-1].stitching")?.label.nl).toBe("Stiksels");
  });

  it("finds nothing for a key or step it was not given", () => {
    const view = pmView();
    expect(itemOf(view, "frame.nothing")).toBeNull();
    expect(stepItems(view, progress("elsewhere", "?", ["elsewhere.x"]))).toEqual([]);
    expect(stepItems({ template: null }, view.steps[0])).toEqual([]);
    // More keys than items (never sent by the back end): only the items that exist.
    expect(stepItems(view, progress("signoff", "Aftekenen", ["a", "b"])).map((e) => e.key)).toEqual(["a"]);
  });
});

describe("numbers as typed", () => {
  it("accepts a decimal comma or point, and nothing else", () => {
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal("12.5")).toBe(12.5);
    expect(parseDecimal(" 475 ")).toBe(475);
    expect(parseDecimal(",5")).toBe(0.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("  ")).toBeNull();
    expect(parseDecimal("12,5,3")).toBeNaN();
    expect(parseDecimal("1.234,5")).toBeNaN();
    expect(parseDecimal("abc")).toBeNaN();
    expect(parseDecimal("1e3")).toBeNaN();
  });

  it("shows numbers without grouping in the UI language", () => {
    expect(formatDecimal(12.5, "nl")).toBe("12,5");
    expect(formatDecimal(12.5, "en")).toBe("12.5");
    expect(formatDecimal(1234, "nl")).toBe("1234");
    expect(formatDecimal(0.1 + 0.2, "en")).toBe("0.3");
  });
});

describe("quick dates", () => {
  it("offers only days within the item's bounds", () => {
    expect(quickDays(1, 21).map((q) => q.days)).toEqual([1, 7, 14, 21]);
    expect(quickDays(-400, 0).map((q) => q.days)).toEqual([0]);
    expect(quickDays(0, null).map((q) => q.days)).toEqual([0, 1, 7, 14]);
  });
});

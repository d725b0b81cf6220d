// Layout rules jsdom can check (component styles are in the document, `css: true`): the rule
// as declared for an element, not a measured size (the end-to-end tests look at the window).
import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { pmView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import JobScreen from "../src/screens/JobScreen.svelte";
import SearchBox from "../src/components/SearchBox.svelte";
import { dictionaries } from "../src/lib/i18n";

const b = installFakeBackend();

/** The value the last plain (not media-bound) rule matching `el` declares for `property`. */
function declared(el: Element, property: string): string {
  let value = "";
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSStyleRule)) continue;
      if (el.matches(rule.selectorText)) value = rule.style.getPropertyValue(property) || value;
    }
  }
  return value;
}

const nonZero = (length: string) => length !== "" && !/^0(px|rem|em)?$/.test(length.trim());

describe("layout", () => {
  it("the quick-entry buttons (Signaal, Klacht, Nieuwe storing) have a gap between them", async () => {
    b.openJob.mockResolvedValue(pmView());
    render(JobScreen, { id: "job-1" });
    const fault = await screen.findByTestId("quick-malfunction");
    const complaint = screen.getByTestId("quick-complaint");
    // Klacht's group and Nieuwe storing sit side by side in one row: that row has a gap
    const row = fault.parentElement!;
    expect(row.contains(complaint)).toBe(true);
    expect(nonZero(declared(row, "gap")), `gap: "${declared(row, "gap")}"`).toBe(true);
    expect(nonZero(declared(complaint.parentElement!, "gap"))).toBe(true);
  });

  it("the search placeholder fits: short in both languages, and the field keeps its width", () => {
    for (const lang of ["nl", "en"] as const) {
      const text = dictionaries[lang].search.placeholder;
      expect(text.length, `${lang}: ${text}`).toBeLessThanOrEqual(34);
    }
    render(SearchBox);
    const input = screen.getByTestId("search-input");
    const min = declared(input, "min-width");
    expect(nonZero(min), `min-width: "${min}"`).toBe(true);
  });
});

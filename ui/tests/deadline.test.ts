// Repair deadlines say their date when it is not today, and an exclusive midnight as the end
// of the day before (on a fixed app clock, so the run's own date does not matter).
import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { repairCard } from "./fixtures";
import RepairInfo from "../src/components/RepairInfo.svelte";
import { followBackendClock } from "../src/lib/clock";
import { setLocale } from "../src/lib/i18n";

afterEach(() => followBackendClock(new Date().toISOString()));

const deadlines = () => screen.getAllByTestId("repair-deadline").map((d) => d.textContent?.replace(/\s+/g, " ").trim());

describe("deadlines with their date", () => {
  // On site before Saturday 5 December 10:51; fixed before Monday 7 December 00:00.
  const repair = repairCard("B", "2026-12-05T09:51:00.000Z", "2026-12-06T23:00:00.000Z");

  it("on Sunday evening: yesterday's deadline has its date, midnight tonight is the end of today", () => {
    followBackendClock("2026-12-06T18:39:30.000Z");
    render(RepairInfo, { repair });
    const [onSite, fixed] = deadlines();
    expect(onSite).toMatch(/^Ter plaatse vóór za 5 dec 10:51 ⚠ 1 d 8 u te laat$/);
    expect(fixed).toMatch(/^Opgelost vóór einde vandaag nog 4 u 20 min$/);
    expect(fixed).not.toMatch(/00:00/);
  });

  it("on Saturday: today's deadline by its time alone, midnight as the end of Sunday", () => {
    followBackendClock("2026-12-05T07:59:30.000Z");
    render(RepairInfo, { repair });
    const [onSite, fixed] = deadlines();
    expect(onSite).toMatch(/^Ter plaatse vóór 10:51 nog 1 u 51 min$/);
    expect(fixed).toMatch(/^Opgelost vóór einde zo 6 dec nog 1 d 15 u$/);
  });

  it("in English", () => {
    followBackendClock("2026-12-05T07:59:30.000Z");
    setLocale("en");
    render(RepairInfo, { repair });
    expect(deadlines()[1]).toMatch(/^Fixed before the end of Sun 6 Dec/);
  });
});

// Smaller things a new user met in a job: an empty parts answer reads as words in the report,
// and a fault reported on site starts with the job's own device chosen.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { tick } from "svelte";
import type { JobView } from "../src/lib/bindings";
import { UUID_V7, deviceSummary } from "./fixtures";
import { mixedView, pmView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import JobScreen from "../src/screens/JobScreen.svelte";
import { setLocale } from "../src/lib/i18n";

const b = installFakeBackend();

async function open(view: JobView): Promise<void> {
  b.openJob.mockResolvedValue(view);
  render(JobScreen, { id: view.job_id });
  await screen.findByTestId("job-kind");
}

describe("the read-only answers", () => {
  it("show 'no parts replaced' for an empty parts answer, not a blank", async () => {
    await open(mixedView({ state: "ready_to_sign", answers: { "a.parts": { type: "parts", parts: [] } } }));
    const answer = screen.getAllByTestId("answer").find((a) => a.dataset.key === "a.parts")!;
    expect(within(answer).getByRole("definition").textContent?.trim()).toBe("Geen onderdelen vervangen");
    setLocale("en");
    await tick();
    expect(within(answer).getByRole("definition").textContent?.trim()).toBe("No parts replaced");
  });
});

describe("a new fault reported on site", () => {
  it("has the job's device chosen already; another is one tap away", async () => {
    const other = deviceSummary({ id: "dev-2", registration_number: "WMO-0002222" });
    const own = deviceSummary({ id: "dev-1", registration_number: "WMO-0001234" });
    await open(pmView({ device: own, resident_devices: [other, own] }));
    await fireEvent.click(screen.getByTestId("quick-malfunction"));
    const options = screen.getAllByTestId("malfunction-device");
    expect(options.map((o) => o.getAttribute("aria-pressed"))).toEqual(["false", "true"]);
    await fireEvent.click(screen.getByTestId("malfunction-class-B"));
    await fireEvent.input(screen.getByTestId("malfunction-description"), { target: { value: "Rem sleept" } });
    b.reportMalfunction.mockResolvedValue(pmView({ job_id: "job-r" }));
    await fireEvent.click(screen.getByTestId("malfunction-save"));
    expect(b.reportMalfunction).toHaveBeenCalledWith(
      expect.stringMatching(UUID_V7), expect.stringMatching(UUID_V7), "job-1", "dev-1", "B", "Rem sleept", false,
    );
  });

  it("a job without a device chooses none", async () => {
    await open(pmView({ device: null }));
    await fireEvent.click(screen.getByTestId("quick-malfunction"));
    expect(screen.getAllByTestId("malfunction-device").map((o) => o.getAttribute("aria-pressed"))).toEqual(["false"]);
  });
});

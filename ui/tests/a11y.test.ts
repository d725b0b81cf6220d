// axe-core over the main screens as rendered here (jsdom: no colour contrast; the end-to-end
// tests run axe in the real window): zero serious or critical violations on Today, the
// resident, the passport, search (with the header's search box and user switch) and the first
// step of a job.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { AppStatus, ResidentView } from "../src/lib/bindings";
import {
  appointment,
  deviceSummary,
  job,
  passportView,
  repairCard,
  searchResults,
  technician,
  todayView,
} from "./fixtures";
import { pmView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import { seriousViolations } from "./axe";
import App from "../src/App.svelte";
import Today from "../src/screens/Today.svelte";
import ResidentScreen from "../src/screens/ResidentScreen.svelte";
import PassportScreen from "../src/screens/PassportScreen.svelte";
import JobScreen from "../src/screens/JobScreen.svelte";
import { appSearch } from "../src/lib/search.svelte";
import { followBackendClock } from "../src/lib/clock";
import { setLocale } from "../src/lib/i18n";
import { tick } from "svelte";

const b = installFakeBackend();

const status: AppStatus = {
  startup: { phase: "ready" },
  demo: true,
  technician,
  template_problems: [],
  pending_records: 0,
  sync: { state: "no_portal" },
  version: "0.1.0",
  now: new Date().toISOString(),
};

const residentView: ResidentView = {
  resident: {
    id: "res-1", resident_number: "AP-100234", municipality_id: "m1", initials: "J.",
    first_name: "Jan", name_prefix: null, surname: "Jansen", birth_date: "1941-03-12",
    address: { street: "Dorpsstraat", house_number: "12A", postcode: "7311 AB", city: "Apeldoorn" },
    phone: "055-1234567", email: null, preferred_communication: "email", particulars: "Hond in huis",
  },
  name: "Jan Jansen",
  municipality: { id: "m1", code: "apeldoorn", name: "Apeldoorn" },
  caregivers: [],
  devices: [deviceSummary()],
  open_jobs: [],
  open_repairs: [repairCard("B", "2026-03-30T10:00:00.000Z", "2026-03-30T22:00:00.000Z")],
  orders: [],
  history: passportView().logbook.map((line) => ({ registration_number: "WMO-0001234", ...line })),
  device_warnings: [],
  signals: [],
  complaints: [],
  messages: [],
  supplier_contacts: [],
};

describe("no serious or critical axe violations", () => {
  it("Today, in the whole window (header, search box, user switch)", async () => {
    b.appStatus.mockResolvedValue(status);
    b.today.mockResolvedValue(
      todayView({
        appointments: [
          appointment({ jobs: [job(), job({ id: "job-2", kind: "repair", repair: repairCard("B", null, "2026-03-30T22:00:00.000Z") })] }),
        ],
        in_progress_elsewhere: [appointment({ id: "apt-9", status: "in_progress" })],
      }),
    );
    render(App);
    await screen.findAllByTestId("appointment-card");
    expect(await seriousViolations()).toEqual([]);
    // the accessible names contain the visible text in English too
    setLocale("en");
    await tick();
    expect(screen.getByTestId("switch-technician").textContent).toMatch(/Switch/);
    expect(await seriousViolations()).toEqual([]);
  });

  it("search, with the results shown and with no results list", async () => {
    appSearch.clear();
    b.appStatus.mockResolvedValue(status);
    b.today.mockResolvedValue(todayView());
    b.search.mockResolvedValue(searchResults());
    render(App);
    await screen.findByTestId("today-screen");
    // no results list in the DOM: the search box must not point at one
    expect(await seriousViolations()).toEqual([]);
    location.hash = "#/search?q=jan";
    await screen.findAllByTestId("search-group");
    expect(await seriousViolations()).toEqual([]);
  });

  it("the resident screen", async () => {
    b.resident.mockResolvedValue(residentView);
    render(ResidentScreen, { id: "res-1" });
    await screen.findByTestId("resident-name");
    expect(await seriousViolations()).toEqual([]);
  });

  it("the passport", async () => {
    b.devicePassport.mockResolvedValue(passportView());
    render(PassportScreen, { id: "dev-1" });
    await screen.findByTestId("passport-registration-number");
    expect(await seriousViolations()).toEqual([]);
  });

  it("the job's dialogs: starting on another day, not home (date and time fields)", async () => {
    followBackendClock("2026-12-06T18:47:00.000Z");
    b.openJob.mockResolvedValue(pmView({ state: "not_started", planned_day: "2026-12-10", job_day: "2026-12-06" }));
    render(JobScreen, { id: "job-1" });
    await fireEvent.click(await screen.findByTestId("job-start"));
    await screen.findByTestId("start-other-day");
    expect(await seriousViolations()).toEqual([]);
    await fireEvent.click(screen.getByTestId("start-other-day-no"));
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.input(screen.getByTestId("not-home-date"), { target: { value: "31-02-2026" } });
    await fireEvent.keyDown(screen.getByTestId("not-home-date"), { key: "Enter" });
    await screen.findByTestId("not-home-date-error");
    expect(await seriousViolations()).toEqual([]);
    followBackendClock(new Date().toISOString());
  });

  it("the first step of a job, and a job not started", async () => {
    b.openJob.mockResolvedValue(pmView());
    const first = render(JobScreen, { id: "job-1" });
    await screen.findAllByTestId("item");
    expect(await seriousViolations()).toEqual([]);
    first.unmount();
    b.openJob.mockResolvedValue(pmView({ state: "not_started" }));
    render(JobScreen, { id: "job-1" });
    await screen.findByTestId("job-start");
    expect(await seriousViolations()).toEqual([]);
  });
});

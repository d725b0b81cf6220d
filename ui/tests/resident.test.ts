import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { ResidentView } from "../src/lib/bindings";
import { UUID_V7, deviceSummary, job, passportView, repairCard } from "./fixtures";
import { installFakeBackend } from "./fakeBackend";
import ResidentScreen from "../src/screens/ResidentScreen.svelte";
import { followBackendClock } from "../src/lib/clock";

const b = installFakeBackend();

const view: ResidentView = {
  resident: {
    id: "res-1", resident_number: "AP-100234", municipality_id: "m1", initials: "J.",
    first_name: "Jan", name_prefix: null, surname: "Jansen", birth_date: "1941-03-12",
    address: { street: "Dorpsstraat", house_number: "12A", postcode: "7311 AB", city: "Apeldoorn" },
    phone: "055-1234567", email: null, preferred_communication: "email",
    particulars: "Hond in huis",
  },
  name: "Jan Jansen",
  municipality: { id: "m1", code: "apeldoorn", name: "Apeldoorn" },
  caregivers: [
    { id: "c1", resident_id: "res-1", name: "Marieke Jansen", relation: "dochter", kind: "informal", phone: "06-1", email: null, may_sign: true },
  ],
  devices: [deviceSummary(), deviceSummary({ id: "dev-2", registration_number: "WMO-2", status: "out_of_use" })],
  open_jobs: [{ appointment_id: "a1", window: { start: "2026-03-30T06:00:00.000Z", end: "2026-03-30T08:00:00.000Z" }, technician: "Sanne de Vries", job: job() }],
  open_repairs: [repairCard("B", "2026-03-30T10:00:00.000Z", "2026-03-30T22:00:00.000Z")],
  orders: [],
  history: passportView().logbook.map((line) => ({ registration_number: "WMO-0001234", ...line })),
  device_warnings: [],
  signals: [
    {
      id: "sig-1", resident_id: "res-1", device_id: null, job_id: null, kind: "improper_use", urgent: false,
      description: "Rolstoel wordt als boodschappenkar gebruikt", created_at: "2026-03-27T10:00:00.000Z", author: "Sanne",
    },
  ],
  complaints: [
    {
      complaint: {
        id: "c-1", resident_id: "res-1", job_id: null, process: "reachability", description: "Niemand nam op",
        received_as: "written", received_on: "2026-03-27", created_at: "2026-03-30T07:00:00.000Z", author: "Sanne",
      },
      received_on: "2026-03-27",
      due: "2026-04-11T22:00:00.000Z",
    },
  ],
  messages: [
    {
      id: "m-1", resident_id: "res-1", municipality_id: "mun-1", job_id: "job-1", appointment_id: null,
      recipient: "municipality", channel: "email", address: null, reason: "deadline_missed", proposed: null,
      language: "nl", subject: "Termijn niet gehaald: reparatie", body: "…", created_at: "2026-03-30T07:00:00.000Z",
      author: "Sanne",
    },
  ],
  supplier_contacts: [
    { id: "s1", resident_id: "res-1", name: "Petra Smit", role: "casemanager", phone: "088 204 1100", email: null },
    { id: "s2", resident_id: "res-1", name: "Ruud Bakker", role: "planner", phone: "088 204 1100", email: "ruud.bakker@example.com" },
    { id: "s3", resident_id: "res-1", name: "Ilse Mulder", role: "accountbeheer", phone: null, email: null },
  ],
};

describe("resident", () => {
  it("shows who the resident is, how to reach them, their devices, work and history", async () => {
    b.resident.mockResolvedValue(view);
    render(ResidentScreen, { id: "res-1" });
    expect((await screen.findByTestId("resident-name")).textContent).toBe("Jan Jansen");
    expect(screen.getByTestId("resident-preferred").textContent).toMatch(/Voorkeur contact: e-mail/);
    expect(screen.getByTestId("resident-particulars").textContent).toMatch(/Hond in huis/);
    expect(screen.getByText("12 maart 1941")).toBeTruthy();
    expect(screen.getByTestId("caregiver").textContent).toMatch(/Marieke Jansen.*dochter.*Mantelzorger.*Mag tekenen/s);
    // PvE 5.2.3a: the supplier's own fixed contact persons, apart from the caregivers
    const contacts = screen.getAllByTestId("supplier-contact");
    expect(contacts.map((c) => c.textContent)).toEqual([
      expect.stringMatching(/Petra Smit.*Casemanager.*088 204 1100/s),
      expect.stringMatching(/Ruud Bakker.*Planner.*ruud\.bakker@example\.com/s),
      expect.stringMatching(/Ilse Mulder.*accountbeheer/s),
    ]);
    expect(contacts[2].querySelector('[lang="nl"]')?.textContent).toBe("accountbeheer");
    const devices = screen.getAllByTestId("resident-device");
    expect(devices).toHaveLength(2);
    expect(devices[1].dataset.status).toBe("out_of_use");
    expect(devices[1].textContent).toMatch(/Buiten gebruik/);
    expect(screen.getByTestId("planned-job").textContent).toMatch(/08:00–10:00.*Preventief onderhoud/s);
    expect(screen.getByTestId("repair-class").textContent).toMatch(/Klasse B/);
    const history = screen.getAllByTestId("history-entry");
    expect(history[0].textContent).toMatch(/WMO-0001234.*Preventief onderhoud/s);
    expect(screen.getByTestId("job-open").getAttribute("href")).toBe("#/job/job-1");
    expect(screen.getByTestId("job-state").textContent?.trim()).toBe("Niet begonnen");
    // what the resident and the municipality were told or asked
    expect(screen.getByTestId("resident-complaint").textContent).toMatch(
      /Bereikbaarheid.*Schriftelijk.*ontvangen 27 maart 2026.*Niemand nam op/s,
    );
    expect(screen.getByTestId("resident-signal").textContent).toMatch(/boodschappenkar/);
    expect(screen.getByTestId("resident-message").textContent).toMatch(/Aan de gemeente.*e-mail.*Termijn niet gehaald/s);
  });

  it("counts down to a complaint's day, and after it does not call it late (the office knows)", async () => {
    b.resident.mockResolvedValue(view);
    try {
      followBackendClock("2026-04-10T10:00:00.000Z");
      const first = render(ResidentScreen, { id: "res-1" });
      const card = await screen.findByTestId("resident-complaint");
      expect(card.querySelector('[data-testid="repair-deadline"]')?.textContent).toMatch(/Afhandelen vóór/);
      expect(screen.queryByTestId("complaint-due-passed")).toBeNull();
      first.unmount();
      followBackendClock("2026-04-20T10:00:00.000Z");
      render(ResidentScreen, { id: "res-1" });
      const passed = await screen.findByTestId("complaint-due-passed");
      expect(passed.textContent).toMatch(/Af te handelen vóór.*kantoor/s);
      expect(screen.getByTestId("resident-complaint").textContent).not.toMatch(/te laat/);
    } finally {
      followBackendClock(new Date().toISOString());
    }
  });

  it("records a signal from the resident screen (no job, no device)", async () => {
    b.resident.mockResolvedValue(view);
    b.recordSignal.mockResolvedValue({
      id: "sig-1", resident_id: "res-1", device_id: null, job_id: null, kind: "not_used",
      urgent: false, description: "Staat in de schuur", created_at: "2026-03-30T07:00:00.000Z", author: "S",
    });
    render(ResidentScreen, { id: "res-1" });
    await fireEvent.click(await screen.findByTestId("quick-signal"));
    await fireEvent.click(screen.getByTestId("signal-kind-not_used"));
    await fireEvent.input(screen.getByTestId("signal-description"), { target: { value: "Staat in de schuur" } });
    await fireEvent.click(screen.getByTestId("signal-save"));
    expect(b.recordSignal).toHaveBeenCalledWith(
      expect.stringMatching(UUID_V7), "res-1", null, null, "not_used", false, "Staat in de schuur",
    );
    expect((await screen.findByTestId("toast")).textContent).toMatch(/Signaal vastgelegd/);
    expect(screen.getByTestId("quick-complaint")).toBeTruthy();
  });
  it("shows each device's passport warnings on the resident's page, the replacement rule included", async () => {
    b.resident.mockResolvedValue({
      ...view,
      device_warnings: [
        { device_id: "dev-2", warnings: [{ kind: "replacement_due", repairs: 3, year: 2025 }, { kind: "out_of_use" }] },
      ],
    });
    render(ResidentScreen, { id: "res-1" });
    const devices = await screen.findAllByTestId("resident-device");
    expect(devices[0].querySelector('[data-testid="resident-device-warning"]')).toBeNull();
    const warnings = devices[1].querySelectorAll('[data-testid="resident-device-warning"]');
    expect([...warnings].map((w) => (w as HTMLElement).dataset.kind)).toEqual(["replacement_due", "out_of_use"]);
    expect(warnings[0].textContent).toMatch(/3.*2025/s);
  });
});

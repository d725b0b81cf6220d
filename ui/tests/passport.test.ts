import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { tick } from "svelte";
import { logbookLine, passportView, repairCard } from "./fixtures";
import { installFakeBackend } from "./fakeBackend";
import PassportScreen from "../src/screens/PassportScreen.svelte";
import { setLocale } from "../src/lib/i18n";

const b = installFakeBackend();

const devicePassport = b.devicePassport;
const field = (name: string) => screen.getByTestId(`passport-field-${name}`);

describe("device passport", () => {
  it("shows the registration number and every field, labelled", async () => {
    devicePassport.mockResolvedValue(passportView());
    render(PassportScreen, { id: "dev-1" });
    expect((await screen.findByTestId("passport-registration-number")).textContent?.trim()).toBe(
      "WMO-0001234",
    );
    expect(devicePassport).toHaveBeenCalledWith("dev-1");
    for (const name of [
      "registration_number", "category", "brand", "model", "serial_number", "build_year", "first_issued_on",
      "first_delivered_on", "last_delivered_on", "catalogue_value_cents",
      "accessories_value_cents", "configuration", "measurements", "reconditioned", "electric",
      "battery", "insurance_plate", "wlz_use", "max_user_weight_kg", "swl_kg", "status",
      "resident_id", "last_preventive_maintenance_on", "last_malfunction_on",
      "last_misuse_maintenance_on", "next_maintenance_due", "next_inspection_due",
    ]) {
      expect(field(name).querySelector("dt")?.textContent?.trim(), name).toBeTruthy();
    }
    expect(field("serial_number").textContent).toMatch(/Serienummer.*SN-998877/s);
    expect(field("build_year").textContent).toMatch(/2019/);
    expect(field("catalogue_value_cents").textContent).toMatch(/€ 1\.450,00/);
    expect(field("accessories_value_cents").textContent).toMatch(/€ 230,50/);
    expect(field("measurements").textContent).toMatch(/Zitbreedte:\s*460 mm/);
    expect(field("measurements").textContent).toMatch(/mystery_measure:\s*12 cm/);
    expect(field("battery").textContent).toMatch(/Lithium.*24 V.*73 Ah.*Capaciteit 76%/s);
    expect(field("swl_kg").textContent).toMatch(/Niet van toepassing/);
    expect(field("last_misuse_maintenance_on").textContent).toMatch(/Niet vastgelegd/);
    expect(field("resident_id").querySelector("a")?.getAttribute("href")).toBe("#/resident/res-1");

    const entries = within(screen.getByTestId("passport-logbook")).getAllByTestId("logbook-entry");
    expect(entries.map((e) => e.dataset.seq)).toEqual(["2", "1"]);
    expect(entries[0].textContent).toMatch(/Preventief onderhoud/);
    // the details as the back end words them, in the UI's language
    expect(entries[0].textContent).toMatch(/Bandenspanning\s*2,5 bar/);
    expect(entries[0].textContent).toMatch(/Afgetekend door\s*J\. Jansen \(inwoner\)/);
    expect(entries[1].textContent).toMatch(/Kantoor \(portaal\)/);
    expect(screen.getByTestId("chain-status").textContent).toMatch(
      /Logboek onveranderd \(2 regels, keten gecontroleerd\)/,
    );
    expect(screen.queryAllByTestId("passport-warning")).toHaveLength(0);
    expect(screen.queryByTestId("out-of-use-banner")).toBeNull();
    // in English the headline and the details are English
    setLocale("en");
    await tick();
    const en = within(screen.getByTestId("passport-logbook")).getAllByTestId("logbook-entry");
    expect(en[0].textContent).toMatch(/Yearly maintenance carried out/);
    expect(en[0].textContent).toMatch(/Tyre pressure\s*2\.5 bar/);
    expect(en[0].textContent).not.toMatch(/Bandenspanning/);
    // the configuration in English where the supplier gave English; else the Dutch, marked so
    const items = screen.getAllByTestId("configuration-item");
    expect(items[0].textContent).toMatch(/Headrest:\s*adjustable/);
    expect(items[1].textContent).toMatch(/Pelotten:\s*ja/);
    expect(items[1].querySelector("strong")?.getAttribute("lang")).toBe("nl");
    expect(items[0].querySelector("strong")?.getAttribute("lang")).toBeNull();
    setLocale("nl");
    await tick();
    expect(screen.getAllByTestId("configuration-item")[0].textContent).toMatch(/Hoofdsteun:\s*verstelbaar/);
  });

  it("shows warnings, a red out-of-use status, withdrawn slings and a broken chain", async () => {
    const base = passportView();
    devicePassport.mockResolvedValue(
      passportView({
        device: { ...base.device, status: "out_of_use", next_inspection_due: "2026-01-01" },
        category: { ...base.category, code: "16", hoist: true },
        slings: [
          {
            id: "s1", hoist_id: "dev-1", sling_number: "TB-77", manufacturer: "Invacare",
            model: "Comfort", size: "M", swl_kg: 200, manufactured_on: null, in_use_since: null,
            status: "withdrawn", next_inspection_due: "2026-06-01",
          },
        ],
        warnings: [
          { kind: "out_of_use" },
          { kind: "inspection_overdue", due: "2026-01-01" },
          { kind: "sling_withdrawn", sling_number: "TB-77" },
          { kind: "battery_below_reconditioned_minimum", capacity_pct: 76 },
          { kind: "replacement_due", repairs: 3, year: 2025 },
        ],
        chain: {
          entries: 2,
          broken: { device_id: "dev-1", seq: 2, entry_id: "log-2", reason: "hash_mismatch" },
        },
        open_repairs: [repairCard("A", null, new Date(Date.now() + 3600_000 * 30 + 1_800_000).toISOString())],
      }),
    );
    render(PassportScreen, { id: "dev-1" });
    const warnings = await screen.findAllByTestId("passport-warning");
    expect(warnings.map((w) => w.dataset.kind)).toEqual([
      "out_of_use", "inspection_overdue", "sling_withdrawn", "battery_below_reconditioned_minimum",
      "replacement_due",
    ]);
    expect(warnings[4].textContent).toMatch(/3 aandrijvingsgerelateerde reparaties in 2025/);
    expect(warnings[1].textContent).toMatch(/Keuring tillift te laat: was uiterlijk 1 januari 2026/);
    expect(warnings[2].textContent).toMatch(/TB-77/);
    expect(warnings[3].textContent).toMatch(/76%.*80%/);

    expect(screen.getByTestId("out-of-use-banner").textContent).toMatch(/Buiten gebruik/);
    expect(field("status").classList.contains("danger")).toBe(true);
    expect(field("status").textContent).toMatch(/Buiten gebruik/);

    const sling = screen.getByTestId("sling");
    expect(sling.dataset.status).toBe("withdrawn");
    expect(sling.classList.contains("withdrawn")).toBe(true);
    expect(sling.textContent).toMatch(/Afgekeurd/);

    const chain = screen.getByTestId("chain-status");
    expect(chain.dataset.state).toBe("broken");
    expect(chain.textContent).toMatch(/regel 2/);
    expect(chain.textContent).toMatch(/inhoud is achteraf veranderd/);

    expect(screen.getByTestId("repair-class").textContent).toMatch(/Klasse A/);
    expect(screen.getByTestId("repair-deadline").textContent).toMatch(/nog 1 d 6 u/);

    setLocale("en");
    await tick();
    expect(screen.getByTestId("chain-status").textContent).toMatch(/entry 2.*changed afterwards/s);
    expect(screen.getAllByTestId("passport-warning")[0].textContent).toMatch(/Out of use/);
  });

  it("corrects a logbook entry with a new entry that refers to it", async () => {
    const base = passportView();
    const correction = {
      ...base.logbook[0].entry,
      id: "log-3",
      seq: 3,
      kind: "correction" as const,
      summary: "Correctie: bandenspanning was 2,8 bar",
      details_json: "{}",
      corrects: "log-2",
    };
    const corrected = logbookLine(
      correction,
      { nl: "Correctie: bandenspanning was 2,8 bar", en: "Correction: tyre pressure was 2.8 bar" },
      [{ label: { nl: "Correctie", en: "Correction" }, value: { nl: "bandenspanning was 2,8 bar", en: "bandenspanning was 2,8 bar" } }],
    );
    devicePassport
      .mockResolvedValueOnce(base)
      .mockResolvedValueOnce(passportView({ logbook: [corrected, ...base.logbook] }));
    b.correctLogbookEntry.mockRejectedValueOnce({
      code: "empty",
      message: { nl: "Het veld \"correction\" mag niet leeg zijn.", en: "empty" },
    });
    b.correctLogbookEntry.mockResolvedValueOnce(correction);
    render(PassportScreen, { id: "dev-1" });
    const buttons = await screen.findAllByTestId("logbook-correct");
    expect(buttons).toHaveLength(2);
    expect(buttons[0].getAttribute("aria-label")).toBe("Correctie op regel 2");
    await fireEvent.click(buttons[0]);
    const dialog = screen.getByTestId("correction-dialog");
    expect(dialog.textContent).toMatch(/Correctie op regel 2/);
    expect(document.activeElement).toBe(within(dialog).getByTestId("correction-text"));

    // Empty: refused here, nothing sent.
    await fireEvent.click(within(dialog).getByTestId("correction-save"));
    expect(within(dialog).getByTestId("correction-error").textContent).toMatch(/Vul de correctie in/);
    expect(b.correctLogbookEntry).not.toHaveBeenCalled();

    await fireEvent.input(within(dialog).getByTestId("correction-text"), {
      target: { value: "bandenspanning was 2,8 bar" },
    });
    await fireEvent.click(within(dialog).getByTestId("correction-save"));
    expect((await within(dialog).findByTestId("correction-error")).textContent).toMatch(/mag niet leeg/);
    await fireEvent.click(within(dialog).getByTestId("correction-save"));
    const calls = b.correctLogbookEntry.mock.calls;
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual([calls[0][0], "log-2", "bandenspanning was 2,8 bar"]);
    // the retry names the same correction, so a lost answer cannot record it twice
    expect(calls[0][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await waitFor(() => expect(screen.getAllByTestId("logbook-entry")).toHaveLength(3));
    expect(screen.queryByTestId("correction-dialog")).toBeNull();
    const first = screen.getAllByTestId("logbook-entry")[0];
    expect(first.dataset.kind).toBe("correction");
    expect(first.textContent).toMatch(/Corrigeert regel 2/);
    expect(screen.getByTestId("toast").textContent).toMatch(/Correctie vastgelegd/);
  });

  it("shows a back-end error instead of crashing", async () => {
    devicePassport.mockRejectedValue({ code: "not_found", message: { nl: "Hulpmiddel niet gevonden", en: "Device not found" } });
    render(PassportScreen, { id: "missing" });
    const error = await screen.findByTestId("error-message");
    expect(error.textContent).toMatch(/Hulpmiddel niet gevonden/);
    expect(error.textContent).toMatch(/not_found/);
  });
  it("shows the contract's price, or its open question instead of a guess, and no schedule without a service tariff", async () => {
    setLocale("nl");
    const base = passportView();
    devicePassport.mockResolvedValue(base);
    const first = render(PassportScreen, { id: "dev-1" });
    expect((await screen.findByTestId("category-price")).textContent).toMatch(/€ 300,00 per maand/);
    expect(screen.queryByTestId("category-price-question")).toBeNull();
    expect(screen.queryByTestId("category-no-service")).toBeNull();
    first.unmount();

    const question = {
      nl: "Tarief niet bevestigd: nummer 2 en 3 verschillen tussen Annex 2 en 4.2.",
      en: "Price not confirmed: numbers 2 and 3 differ between Annex 2 and 4.2.",
    };
    devicePassport.mockResolvedValue({
      ...base,
      category: { ...base.category, code: "2", price: null, price_question: question },
    });
    const second = render(PassportScreen, { id: "dev-1" });
    expect((await screen.findByTestId("category-price-question")).textContent).toMatch(/Tarief niet bevestigd/);
    expect(screen.queryByTestId("category-price")).toBeNull();
    second.unmount();

    devicePassport.mockResolvedValue({
      ...base,
      category: { ...base.category, code: "12", price: { kind: "purchase", cents: 25000 }, service_tariff: false },
    });
    render(PassportScreen, { id: "dev-1" });
    expect((await screen.findByTestId("category-price")).textContent).toMatch(/€ 250,00 eenmalig/);
    expect(screen.getByTestId("category-no-service").textContent).toMatch(/geen onderhoudsplanning/);
  });
});

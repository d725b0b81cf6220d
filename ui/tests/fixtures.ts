// Invented test data in the shape of the generated bindings.
import type {
  AppointmentCard,
  DetailLine,
  DeviceSummary,
  Localized,
  LogbookEntry,
  LogbookLine,
  JobCard,
  PassportView,
  RepairCard,
  ResidentSummary,
  SearchResults,
  Technician,
  TodayView,
} from "../src/lib/bindings";

export const technician: Technician = { id: "tech-1", name: "Sanne de Vries", role: "mechanic" };

export function residentSummary(overrides: Partial<ResidentSummary> = {}): ResidentSummary {
  return {
    id: "res-1",
    name: "Jan Jansen",
    resident_number: "AP-100234",
    address: { street: "Dorpsstraat", house_number: "12A", postcode: "7311 AB", city: "Apeldoorn" },
    municipality: "Apeldoorn",
    phone: "055-1234567",
    preferred_communication: "phone",
    particulars: null,
    ...overrides,
  };
}

export function deviceSummary(overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: "dev-1",
    registration_number: "WMO-0001234",
    category: "7",
    category_name: { nl: "Elektrische rolstoel", en: "Electric wheelchair" },
    brand: "Permobil",
    model: "M3 Corpus",
    serial_number: "SN-998877",
    status: "in_use",
    resident_id: "res-1",
    next_maintenance_due: "2026-09-01",
    next_inspection_due: null,
    electric: true,
    ...overrides,
  };
}

/** The end of the Amsterdam day a deadline falls on (what the back end computes for a
 * replacement device; enough for fixtures). */
function sameDayEnd(iso: string): string {
  const t = new Date(iso);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(t.getTime() - 1),
  );
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  // midnight in Amsterdam is 23:00 or 22:00 UTC the day before
  const offset = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    timeZoneName: "shortOffset",
  })
    .formatToParts(next)
    .find((p) => p.type === "timeZoneName")?.value;
  const hours = offset === "GMT+2" ? 2 : 1;
  return new Date(next.getTime() - hours * 3_600_000).toISOString();
}

export function repairCard(
  classOf: "A" | "B" | "C",
  onSiteBy: string | null,
  fixedBy: string,
): RepairCard {
  return {
    malfunction: {
      id: `mal-${classOf}`,
      device_id: "dev-1",
      resident_id: "res-1",
      reported_at: "2026-03-30T07:00:00.000Z",
      class: classOf,
      description: "Rolstoel rijdt niet meer vooruit",
      drive_related: true,
      status: "open",
      arrived_at: null,
      resolved_at: null,
    },
    deadlines: {
      on_site_by: onSiteBy,
      fixed_by: fixedBy,
      replacement_by: sameDayEnd(fixedBy),
      // core computes the start of the fix-by day; half a day before will do for the screens
      replacement_shown_from: new Date(Date.parse(fixedBy) - 12 * 3_600_000).toISOString(),
    },
  };
}

export function job(overrides: Partial<JobCard> = {}): JobCard {
  return {
    id: "job-1",
    kind: "preventive_maintenance",
    status: "open",
    device: deviceSummary(),
    order: null,
    repair: null,
    state: null,
    deviation: null,
    ...overrides,
  };
}

export function appointment(overrides: Partial<AppointmentCard> = {}): AppointmentCard {
  return {
    id: "apt-1",
    window: { start: "2026-03-30T06:00:00.000Z", end: "2026-03-30T08:00:00.000Z" },
    status: "confirmed",
    note: null,
    resident: residentSummary(),
    jobs: [job()],
    ...overrides,
  };
}

export function todayView(overrides: Partial<TodayView> = {}): TodayView {
  return {
    date: "2026-03-30",
    technician,
    working_day: true,
    holiday: null,
    appointments: [],
    in_progress_elsewhere: [],
    next_day_with_visits: null,
    ...overrides,
  };
}

/** A logbook entry with its words, as the back end sends it for the passport. */
export function logbookLine(
  entry: LogbookEntry,
  summary: Localized,
  lines: DetailLine[] = [],
): LogbookLine {
  return { entry, words: { summary, lines } };
}

export function passportView(overrides: Partial<PassportView> = {}): PassportView {
  return {
    device: {
      id: "dev-1",
      registration_number: "WMO-0001234",
      category: "7",
      brand: "Permobil",
      model: "M3 Corpus",
      serial_number: "SN-998877",
      build_year: 2019,
      first_issued_on: "2019-05-14",
      first_delivered_on: "2023-02-01",
      last_delivered_on: "2025-11-20",
      catalogue_value_cents: 145000,
      accessories_value_cents: 23050,
      configuration: [
        { label: "Hoofdsteun", value: "verstelbaar", label_en: "Headrest", value_en: "adjustable" },
        { label: "Pelotten", value: "ja", label_en: null, value_en: null },
      ],
      measurements: [
        { key: "seat_width", value: 460, unit: "mm" },
        { key: "mystery_measure", value: 12, unit: "cm" },
      ],
      reconditioned: true,
      electric: true,
      battery: {
        chemistry: "lithium",
        nominal_voltage: 24,
        rated_ah: 73,
        capacity_pct: 76,
        tested_on: "2026-01-10",
      },
      insurance_plate: "VZ-12-34",
      wlz_use: false,
      max_user_weight_kg: 136,
      swl_kg: null,
      status: "in_use",
      resident_id: "res-1",
      last_preventive_maintenance_on: "2025-03-01",
      last_malfunction_on: "2026-03-30",
      last_misuse_maintenance_on: null,
      next_maintenance_due: "2026-03-01",
      next_inspection_due: null,
    },
    category: {
      code: "7",
      name: { nl: "Elektrische rolstoel", en: "Electric wheelchair" },
      price: { kind: "monthly_rent", cents: 30000 },
      price_question: null,
      service_tariff: true,
      electric: "always",
      hoist: false,
    },
    is_electric: true,
    resident: residentSummary(),
    slings: [],
    logbook: [
      logbookLine(
        {
          id: "log-2",
          device_id: "dev-1",
          seq: 2,
          kind: "preventive_maintenance",
          occurred_at: "2025-03-01T09:30:00.000Z",
          recorded_at: "2025-03-01T10:00:00.000Z",
          author: "Sanne de Vries",
          job_id: null,
          summary: "Jaarlijks onderhoud uitgevoerd",
          details_json: "{}",
          corrects: null,
          prev_hash: "aa",
          hash: "bb",
        },
        { nl: "Jaarlijks onderhoud uitgevoerd", en: "Yearly maintenance carried out" },
        [
          {
            label: { nl: "Bandenspanning", en: "Tyre pressure" },
            value: { nl: "2,5 bar", en: "2.5 bar" },
          },
          {
            label: { nl: "Afgetekend door", en: "Signed off by" },
            value: { nl: "J. Jansen (inwoner)", en: "J. Jansen (resident)" },
          },
        ],
      ),
      logbookLine(
        {
          id: "log-1",
          device_id: "dev-1",
          seq: 1,
          kind: "registered",
          occurred_at: "2019-05-14T08:00:00.000Z",
          recorded_at: "2019-05-14T08:00:00.000Z",
          author: "portal",
          job_id: null,
          summary: "Hulpmiddel geregistreerd",
          details_json: "{}",
          corrects: null,
          prev_hash: null,
          hash: "aa",
        },
        { nl: "Hulpmiddel geregistreerd", en: "Device registered" },
      ),
    ],
    chain: { entries: 2, broken: null },
    open_repairs: [],
    warnings: [],
    ...overrides,
  };
}

export function searchResults(overrides: Partial<SearchResults> = {}): SearchResults {
  return {
    query: "jan",
    groups: [
      {
        resident: residentSummary(),
        resident_matched: true,
        devices: [deviceSummary(), deviceSummary({ id: "dev-2", registration_number: "WMO-0005678" })],
      },
      {
        resident: residentSummary({ id: "res-2", name: "Piet Jansma", address: { street: "Kerkweg", house_number: "3", postcode: "7311 CD", city: "Apeldoorn" } }),
        resident_matched: false,
        devices: [deviceSummary({ id: "dev-3", registration_number: "WMO-0009999", resident_id: "res-2" })],
      },
    ],
    unassigned_devices: [
      deviceSummary({ id: "dev-4", registration_number: "WMO-0004444", resident_id: null, status: "in_depot" }),
    ],
    truncated: false,
    ...overrides,
  };
}

/** A promise with its resolve/reject exposed, to control when a mocked command answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A UUIDv7 as the dialogs make them for the records they create. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

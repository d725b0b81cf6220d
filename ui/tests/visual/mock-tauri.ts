// Visual check only: serves the app with a mocked Tauri IPC (fixture data), so it can be
// looked at in a browser: `npm run dev`, then open /tests/visual/index.html#/today.
// `?startup=generating|failed` shows the start-up states; `?chooser` the technician chooser;
// `?lang=en` the English UI.
import {
  appointment,
  deviceSummary,
  job,
  passportView,
  repairCard,
  residentSummary,
  searchResults,
  technician,
  todayView,
} from "../fixtures";
import type { Answer, AppStatus, JobView, ResidentView } from "../../src/lib/bindings";
import { deliveryView, hoistView, pmView } from "../jobFixtures";

const params = new URLSearchParams(location.search);
if (params.get("lang")) localStorage.setItem("veldwerk.locale", params.get("lang")!);
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const todayYmd = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  const d = new Date(`${todayYmd}T00:00:00Z`);
  d.setUTCHours(h - 2, m); // CEST is UTC+2 (good enough for a picture)
  return d.toISOString();
};
let chosen = params.has("chooser") ? null : technician;
let pendingRecords = 3;

// Guided jobs: a tiny in-memory stand-in (answers only; no rules), enough to look at.
const jobs = new Map<string, JobView>();
function jobView(id: string): JobView {
  let view = jobs.get(id);
  if (!view) {
    // `?jobstate=in_progress` (or ready_to_sign, completed...) opens jobs in that state.
    const state = (params.get("jobstate") ?? "not_started") as JobView["state"];
    view =
      id === "j2"
        ? hoistView({ job_id: id, state })
        : id === "j4"
          ? deliveryView({ job_id: id, state })
          : pmView({ job_id: id, state, suggestions: { "frame.tyre_pressure": 2.5 } });
    jobs.set(id, view);
  }
  return view;
}
function withAnswers(view: JobView, answers: Record<string, Answer>): JobView {
  const steps = view.steps.map((s) => {
    const keys = s.keys.filter((k) => view.applicable.includes(k));
    const missing = view.missing.filter((m) => keys.includes(m.key) && !(m.key in answers)).length;
    return { ...s, answered: keys.filter((k) => k in answers).length, required_missing: missing };
  });
  const next = { ...view, answers, steps, missing: view.missing.filter((m) => !(m.key in answers)) };
  jobs.set(view.job_id, next);
  return next;
}

function status(): AppStatus {
  const startup = params.get("startup");
  return {
    startup:
      startup === "generating"
        ? { phase: "generating_demo", step: "history", done: 1234, total: 4000 }
        : startup === "failed"
          ? {
              phase: "failed",
              error: {
                code: "keyring_unavailable",
                message: {
                  nl: "De sleutelbos van het besturingssysteem is niet bereikbaar.",
                  en: "The operating system's keyring cannot be reached.",
                },
              },
            }
          : { phase: "ready" },
    demo: true,
    technician: chosen,
    template_problems: params.has("problems")
      ? [{ source: "pm-broken.json", reason: "unknown field `itemz` at line 12" }]
      : [],
    pending_records: pendingRecords,
    sync: { state: "no_portal" },
    version: "0.1.0",
    now: new Date().toISOString(),
  };
}

const hoist = deviceSummary({
  id: "dev-h",
  registration_number: "WMO-0007788",
  category: "16",
  category_name: { nl: "Tillift, passief", en: "Hoist, passive" },
  brand: "Arjo",
  model: "Maxi Move",
  serial_number: "AR-55123",
  next_inspection_due: "2026-02-01",
});

const residentView: ResidentView = {
  resident: {
    id: "res-1",
    resident_number: "AP-100234",
    municipality_id: "m1",
    initials: "J.",
    first_name: "Jan",
    name_prefix: null,
    surname: "Jansen",
    birth_date: "1941-03-12",
    address: { street: "Dorpsstraat", house_number: "12A", postcode: "7311 AB", city: "Apeldoorn" },
    phone: "055-1234567",
    email: null,
    preferred_communication: "phone",
    particulars: "Slechthorend: hard praten en lang laten bellen. Hond in huis.",
  },
  name: "Jan Jansen",
  municipality: { id: "m1", code: "apeldoorn", name: "Apeldoorn" },
  caregivers: [
    { id: "c1", resident_id: "res-1", name: "Marieke Jansen", relation: "dochter", kind: "informal", phone: "06-12345678", email: "marieke@example.nl", may_sign: true },
    { id: "c2", resident_id: "res-1", name: "Thuiszorg De Linde", relation: "wijkverpleging", kind: "professional", phone: "055-7654321", email: null, may_sign: false },
  ],
  devices: [deviceSummary(), { ...hoist, status: "out_of_use" }],
  open_jobs: [
    { appointment_id: "apt-1", window: { start: at("08:00"), end: at("10:00") }, technician: "Sanne de Vries", job: job() },
  ],
  open_repairs: [repairCard("B", minutes(80), minutes(300))],
  orders: [
    { id: "o1", order_number: "WMO-2026-0042", municipality_id: "m1", resident_id: "res-1", kind: "provision", category: "7", description: "Elektrische rolstoel voor binnen- en buitengebruik", ordered_on: "2026-01-05", status: "completed", device_id: "dev-1" },
  ],
  history: passportView().logbook.map((line) => ({ registration_number: "WMO-0001234", ...line })),
  device_warnings: [],
  signals: [],
  complaints: [],
  messages: [],
  supplier_contacts: [],
};

async function invoke(cmd: string, args: Record<string, unknown>): Promise<unknown> {
  switch (cmd) {
    case "app_status":
      return status();
    case "list_technicians":
      return [technician, { id: "tech-2", name: "Ahmed Yilmaz", role: "fitter" }, { id: "tech-3", name: "Ingrid Bakker", role: "case_manager" }];
    case "choose_technician":
      chosen = technician;
      return technician;
    case "report_drawn":
      return null;
    case "today":
      return todayView({
        date: (args.date as string | null) ?? todayYmd,
        appointments: [
          appointment({
            id: "a1",
            window: { start: at("08:00"), end: at("10:00") },
            resident: residentSummary({ particulars: "Slechthorend: hard praten en lang laten bellen. Hond in huis." }),
            jobs: [job({ id: "j1", kind: "repair", repair: repairCard("B", minutes(-25), minutes(240)) })],
          }),
          appointment({
            id: "a2",
            window: { start: at("10:30"), end: at("12:00") },
            status: "planned",
            resident: residentSummary({ id: "res-2", name: "Fatima el Amrani", address: { street: "Kerkweg", house_number: "3", postcode: "7311 CD", city: "Apeldoorn" }, preferred_communication: "email" }),
            jobs: [
              job({ id: "j2", kind: "hoist_inspection", device: hoist }),
              job({ id: "j3", kind: "repair", device: hoist, repair: repairCard("C", minutes(35), minutes(155)) }),
            ],
          }),
          appointment({
            id: "a3",
            window: { start: at("13:00"), end: at("15:00") },
            resident: residentSummary({ id: "res-3", name: "Kees van der Berg", municipality: "Epe", address: { street: "Heerderweg", house_number: "101", postcode: "8161 BK", city: "Epe" } }),
            note: "Sleutel ligt bij de buren (nr. 99).",
            jobs: [job({ id: "j4", kind: "delivery", order: { id: "o2", order_number: "WMO-2026-0107", municipality_id: "m2", resident_id: "res-3", kind: "provision", category: "8a", description: "Scootmobiel standaard", ordered_on: "2026-02-10", status: "open", device_id: null }, device: deviceSummary({ id: "dev-s", registration_number: "WMO-0003311", category: "8a", category_name: { nl: "Scootmobiel standaard", en: "Mobility scooter, standard" }, brand: "Vermeiren", model: "Carpo 2" }) })],
          }),
        ],
      });
    case "resident":
      return residentView;
    case "device_passport": {
      const base = passportView();
      return args.deviceId === "dev-h"
        ? passportView({
            device: { ...base.device, id: "dev-h", registration_number: "WMO-0007788", category: "16", brand: "Arjo", model: "Maxi Move", status: "out_of_use", next_inspection_due: "2026-02-01", swl_kg: 227, battery: null, insurance_plate: null },
            category: { ...base.category, code: "16", name: { nl: "Tillift, passief", en: "Hoist, passive" }, hoist: true },
            slings: [
              { id: "s1", hoist_id: "dev-h", sling_number: "TB-0077", manufacturer: "Arjo", model: "Passive Clip", size: "M", swl_kg: 200, manufactured_on: "2021-04-01", in_use_since: "2021-06-01", status: "withdrawn", next_inspection_due: "2026-06-01" },
              { id: "s2", hoist_id: "dev-h", sling_number: "TB-0078", manufacturer: "Arjo", model: "Passive Clip", size: "L", swl_kg: 250, manufactured_on: null, in_use_since: "2022-01-10", status: "in_use", next_inspection_due: "2026-06-01" },
            ],
            warnings: [{ kind: "out_of_use" }, { kind: "inspection_overdue", due: "2026-02-01" }, { kind: "sling_withdrawn", sling_number: "TB-0077" }],
            chain: { entries: 2, broken: { device_id: "dev-h", seq: 2, entry_id: "log-2", reason: "hash_mismatch" } },
            open_repairs: [repairCard("C", minutes(35), minutes(155))],
          })
        : passportView({
            warnings: [{ kind: "maintenance_overdue", due: "2026-03-01" }, { kind: "battery_below_reconditioned_minimum", capacity_pct: 76 }],
          });
    }
    case "open_job":
      return jobView(String(args.jobId));
    case "start_job": {
      const view = { ...jobView(String(args.jobId)), state: "in_progress" as const };
      jobs.set(view.job_id, view);
      return view;
    }
    case "save_answer": {
      const view = jobView(String(args.jobId));
      const answer = args.answer as Answer;
      if (answer.type === "measurement" && (answer.value ?? 0) > 16) {
        throw {
          code: "measurement_out_of_range",
          message: {
            nl: `Bandenspanning: ${String(answer.value).replace(".", ",")} bar kan niet kloppen; de waarde ligt tussen 0 en 16 bar. Controleer de meting.`,
            en: `Tyre pressure: ${answer.value} bar cannot be right; the value lies between 0 and 16 bar. Check the measurement.`,
          },
        };
      }
      return withAnswers(view, { ...view.answers, [String(args.key)]: answer });
    }
    case "clear_answer": {
      const view = jobView(String(args.jobId));
      const answers = { ...view.answers };
      delete answers[String(args.key)];
      return withAnswers(view, answers);
    }
    case "all_ok": {
      const view = jobView(String(args.jobId));
      const step = view.steps.find((s) => s.step_id === args.stepId && s.instance === (args.instance ?? null));
      const items = view.template?.steps.find((st) => st.id === args.stepId)?.items ?? [];
      const answers = { ...view.answers };
      step?.keys.forEach((key, i) => {
        const applies = view.applicable.includes(key);
        if (applies && items[i]?.input.type === "check" && !(key in answers)) {
          answers[key] = { type: "check", result: "ok", fix_by: null, note: null };
        }
      });
      return withAnswers(view, answers);
    }
    case "job_event": {
      const view = jobView(String(args.jobId));
      const next = { ...view, state: args.event === "reopen" ? ("in_progress" as const) : ("ready_to_sign" as const) };
      jobs.set(view.job_id, next);
      return next;
    }
    case "complete_job": {
      const view = jobView(String(args.jobId));
      if (view.missing.length > 0) {
        throw {
          code: "job_incomplete",
          message: {
            nl: `Nog niet compleet: ${view.missing.length} verplichte punten ontbreken.`,
            en: `Not complete yet: ${view.missing.length} required items are missing.`,
          },
        };
      }
      const done: JobView = { ...view, state: "completed" };
      jobs.set(view.job_id, done);
      pendingRecords += 2;
      return {
        job: done,
        notices: [{ nl: "Volgend onderhoud uiterlijk 30 maart 2027.", en: "Next maintenance by 30 March 2027." }],
        logbook: [{ ...passportView().logbook[0], id: "log-new", seq: 3, summary: "Preventief onderhoud uitgevoerd, afgetekend door Jan Jansen" }],
      };
    }
    case "report_not_home": {
      // The jobs this reason closes, as the view listed them (the back end decides).
      const from = jobView(String(args.jobId));
      const closes = from.not_home_closes.find((c) => c.reason === args.reason)?.jobs ?? [];
      for (const job of closes) jobs.set(job.id, { ...jobView(job.id), state: "cannot_proceed" });
      pendingRecords += 1;
      return null;
    }
    case "record_signal":
      pendingRecords += 1;
      return { id: args.signalId, resident_id: args.residentId, device_id: args.deviceId, job_id: args.jobId, kind: args.kind, urgent: args.urgent, description: args.description, created_at: new Date().toISOString(), author: technician.name };
    case "record_complaint":
      pendingRecords += 1;
      return { id: args.complaintId, resident_id: args.residentId, job_id: args.jobId, process: args.process, description: args.description, created_at: new Date().toISOString(), author: technician.name };
    case "loan_candidates":
      return [deviceSummary({ id: "dev-l", registration_number: "WMO-0005555", status: "in_depot", resident_id: null })];
    case "correct_logbook_entry":
      return { ...passportView().logbook[0], id: args.correctionId, seq: 3, kind: "correction", corrects: args.entryId, summary: `Correctie: ${args.correction}` };
    case "search":
      return searchResults({ query: String(args.query), truncated: true });
    case "device_documents":
    case "device_photos":
    case "job_photos":
      return [];
    case "agreement_signers":
      return { resident_side: null, technician: null };
    default:
      throw `unknown command ${cmd}`;
  }
}

(window as unknown as { __TAURI_INTERNALS__: unknown }).__TAURI_INTERNALS__ = {
  invoke: (cmd: string, args: Record<string, unknown>) =>
    new Promise((resolve, reject) => setTimeout(() => invoke(cmd, args).then(resolve, reject), 20)),
};

await import("../../src/main");

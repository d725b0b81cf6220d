// Pure helpers of the guided job screen: answer keys, numbers as typed, enum lists.
import type {
  Category,
  CheckResult,
  ComplaintProcess,
  JobCard,
  JobKind,
  JobState,
  JobView,
  NotHomeReason,
  Resident,
  SignalKind,
  SignerRole,
  StepProgress,
} from "./bindings";
import type { Locale } from "./i18n";

/** "step.item", or "step[<sling id>].item" for an instance of a step repeated per sling. */
export function answerKey(stepId: string, instance: string | null, itemId: string): string {
  return instance === null ? `${stepId}.${itemId}` : `${stepId}[${instance}].${itemId}`;
}

/** Which step (instance) an answer key belongs to. */
export function splitKey(key: string): { step: string; instance: string | null; item: string } | null {
  const dot = key.lastIndexOf(".");
  if (dot <= 0) return null;
  const head = key.slice(0, dot);
  const item = key.slice(dot + 1);
  const open = head.indexOf("[");
  if (open < 0) return { step: head, instance: null, item };
  if (!head.endsWith("]")) return null;
  return { step: head.slice(0, open), instance: head.slice(open + 1, -1), item };
}

/** A step tab's identity. */
export type StepRef = { step: string; instance: string | null };

export function sameStep(a: StepRef | null, b: StepProgress): boolean {
  return a !== null && a.step === b.step_id && a.instance === b.instance;
}

/**
 * A number as typed in the field: "12,5", "12.5", " 475 " -> the number; "" -> null (empty);
 * anything else -> NaN.
 */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/\s+/g, "");
  if (t === "") return null;
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return Number.NaN;
  return Number(t.replace(",", "."));
}

/** A number as the field shows it: no grouping, the UI language's decimal separator. */
export function formatDecimal(value: number, locale: Locale): string {
  const text = String(Math.round(value * 1e6) / 1e6);
  return locale === "nl" ? text.replace(".", ",") : text;
}

/** Registration items that take a loan (or replacement) device from the depot. */
export function isLoanKey(key: string): boolean {
  return key.includes("loan") || key.includes("replacement_registration");
}

/** The state a job card shows: its draft's state, else what its status says. */
export function cardState(job: JobCard): JobState {
  if (job.state) return job.state;
  if (job.status === "completed") return "completed";
  if (job.status === "cannot_proceed") return "cannot_proceed";
  if (job.status === "in_progress") return "in_progress";
  return "not_started";
}

export const CHECK_RESULTS: readonly CheckResult[] = [
  "ok",
  "repaired",
  "defect_fix_by",
  "out_of_use",
  "not_applicable",
];

export const CATEGORIES: readonly Category[] = [
  "1", "2", "3", "4", "5a", "5b", "6", "7", "8a", "8b",
  "9", "10", "11", "12", "13", "14", "15", "16", "17", "18",
];

export const SIGNAL_KINDS: readonly SignalKind[] = [
  "not_used",
  "improper_use",
  "unauthorised_modification",
  "unsafe_situation",
  "safety_threat",
  "driving_ability_doubt",
  "no_longer_adequate",
  "suspected_wilful_damage",
];

/** Threats to safety and unsafe situations always reach the municipality at once. */
export function alwaysUrgent(kind: SignalKind): boolean {
  return kind === "safety_threat" || kind === "unsafe_situation";
}

export const COMPLAINT_PROCESSES: readonly ComplaintProcess[] = [
  "delivery",
  "fitting",
  "malfunction_and_maintenance",
  "service",
  "aftercare",
  "communication",
  "staff_attitude",
  "reachability",
];

export const NOT_HOME_REASONS: readonly NotHomeReason[] = ["not_home", "refused", "cannot_proceed"];

/**
 * The jobs a not-home report closes: always this job; when nobody is home or the resident
 * refuses, also the visit's jobs that have not started (status "open"). A job that is in
 * progress elsewhere keeps its answers open; "cannot proceed" is about this job only.
 */
export function notHomeJobs(
  view: Pick<JobView, "job_id" | "kind" | "visit_jobs">,
  reason: NotHomeReason,
): { id: string; kind: JobKind }[] {
  const self = { id: view.job_id, kind: view.kind };
  if (reason === "cannot_proceed") return [self];
  const others = view.visit_jobs.filter((j) => j.status === "open" && j.id !== view.job_id);
  return [self, ...others.map((j) => ({ id: j.id, kind: j.kind }))];
}

/** How the resident is reached by their preferred way of communication (null: no detail). */
function residentContact(
  r: Pick<Resident, "preferred_communication" | "phone" | "email" | "address">,
): string | null {
  switch (r.preferred_communication) {
    case "phone":
      return r.phone;
    case "email":
      return r.email;
    case "post":
      return `${r.address.street} ${r.address.house_number}, ${r.address.postcode} ${r.address.city}`;
    default:
      return null;
  }
}

/** A translator as the screens have it (`$_`). */
export type Translate = (key: string, options?: { values?: Record<string, string> }) => string;

/** "Tell the resident by phone: 06-…": how the resident is to hear that a visit fell through. */
export function tellResident(
  t: Translate,
  r: Pick<Resident, "phone" | "email" | "address">,
  via: Resident["preferred_communication"],
): string {
  const contact = residentContact({ ...r, preferred_communication: via });
  const method = t(`comm.${via}`);
  return contact
    ? t("not_home.inform", { values: { method, contact } })
    : t("not_home.inform_no_contact", { values: { method } });
}

export const SIGNER_ROLES: readonly SignerRole[] = ["resident", "caregiver", "representative"];

/** The longest appointment window (PvE 5.2), minutes. */
export const MAX_WINDOW_MINUTES = 120;

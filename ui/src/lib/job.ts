// Pure helpers of the guided job screen: finding items by the answer keys the back end gives
// (`StepProgress.keys`; the UI never builds or splits a key), numbers as typed, card states.
// The rules and enum lists live in Rust and come through the bindings.
import type { Item, JobCard, JobState, JobView, Resident, StepProgress } from "./bindings";
import type { Locale } from "./i18n";

/** The step (instance) an answer key belongs to, as the back end listed it. */
export function stepOf(view: Pick<JobView, "steps">, key: string): StepProgress | undefined {
  return view.steps.find((s) => s.keys.includes(key));
}

/**
 * A step's items with their answer keys: the template step's items in order, paired with the
 * keys the back end gave for this instance (`keys[i]` is the key of the i-th item).
 */
export function stepItems(
  view: Pick<JobView, "template">,
  progress: Pick<StepProgress, "step_id" | "keys">,
): { item: Item; key: string }[] {
  const step = view.template?.steps.find((s) => s.id === progress.step_id);
  if (!step) return [];
  return progress.keys.flatMap((key, i) => (step.items[i] ? [{ item: step.items[i], key }] : []));
}

/** The item an answer key stands for (null: not in the view's template). */
export function itemOf(view: Pick<JobView, "steps" | "template">, key: string): Item | null {
  const progress = stepOf(view, key);
  if (!progress) return null;
  return stepItems(view, progress).find((entry) => entry.key === key)?.item ?? null;
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

/** The state a job card shows: its draft's state, else what its status says. */
export function cardState(job: JobCard): JobState {
  if (job.state) return job.state;
  if (job.status === "completed") return "completed";
  if (job.status === "cannot_proceed") return "cannot_proceed";
  if (job.status === "in_progress") return "in_progress";
  return "not_started";
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

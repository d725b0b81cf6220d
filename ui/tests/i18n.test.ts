import { describe, expect, it } from "vitest";
import nl from "../src/lib/i18n/nl.json";
import en from "../src/lib/i18n/en.json";
import {
  CATEGORIES,
  CHECK_RESULTS,
  COMPLAINT_PROCESSES,
  NOT_HOME_REASONS,
  SIGNAL_KINDS,
  SIGNER_ROLES,
  type AppointmentStatus,
  type BatteryChemistry,
  type Blocked,
  type BreakReason,
  type CaregiverKind,
  type CommunicationPreference,
  type Device,
  type DeviationStatus,
  type DeviceStatus,
  type JobKind,
  type JobState,
  type JobStatus,
  type LogbookKind,
  type OrderKind,
  type OrderStatus,
  type PassportWarning,
  type ResponseClass,
  type SlingStatus,
  type TechnicianRole,
  type Unit,
} from "../src/lib/bindings";

type Tree = { [key: string]: Tree | string };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : keys(value, `${prefix}${key}.`),
  );
}

describe("dictionaries", () => {
  it("nl and en have exactly the same keys", () => {
    const nlKeys = new Set(keys(nl));
    const enKeys = new Set(keys(en));
    expect([...nlKeys].filter((k) => !enKeys.has(k)), "in nl but not in en").toEqual([]);
    expect([...enKeys].filter((k) => !nlKeys.has(k)), "in en but not in nl").toEqual([]);
  });

  it("has no empty messages, and the same placeholders in both languages", () => {
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
    const lookup = (tree: Tree, key: string) =>
      key.split(".").reduce<Tree | string>((node, part) => (node as Tree)[part], tree) as string;
    for (const key of keys(nl)) {
      const a = lookup(nl, key);
      const b = lookup(en, key);
      expect(a.trim(), key).not.toBe("");
      expect(b.trim(), key).not.toBe("");
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it("translates every value of the back end's enums, in both languages", () => {
    const missing = Object.entries(ENUMS).flatMap(([prefix, values]) =>
      values.map((v) => `${prefix}.${v}`).filter((key) => !translated(key)),
    );
    expect(missing).toEqual([]);
  });
});

/** A message in both dictionaries (not only in the one `hasMessage` reads). */
function translated(key: string): boolean {
  const find = (tree: Tree) =>
    key.split(".").reduce<Tree | string | undefined>(
      (node, part) => (typeof node === "object" ? node[part] : undefined),
      tree,
    );
  const [a, b] = [find(nl), find(en)];
  return typeof a === "string" && typeof b === "string" && a.trim() !== "" && b.trim() !== "";
}

/**
 * Every value of a generated union, as the keys of an object literal: `Record<U, true>` needs
 * each value of `U` once and no other, so a value added in Rust fails type-checking here.
 */
const all = <U extends string>(values: Record<U, true>): U[] => Object.keys(values) as U[];

/**
 * The back end's enums and where their words are. Lists the bindings export (computed in Rust)
 * are read from there; the others are checked complete against the generated types (`all`).
 */
const ENUMS: Record<string, readonly string[]> = {
  // Lists exported by Rust.
  "check.result": CHECK_RESULTS,
  "signal.kind": SIGNAL_KINDS,
  "complaint.process": COMPLAINT_PROCESSES,
  "not_home.reason": NOT_HOME_REASONS,
  signer_role: SIGNER_ROLES,
  "category.name": CATEGORIES,
  // Unions of the generated types.
  "job.kind": all<JobKind>({
    fitting: true, delivery: true, preventive_maintenance: true, hoist_inspection: true,
    repair: true, adjustment: true, replacement: true, collection: true, loan_device: true,
  }),
  "job.status": all<JobStatus>({ open: true, in_progress: true, completed: true, cannot_proceed: true }),
  "appointment.status": all<AppointmentStatus>({
    planned: true, confirmed: true, in_progress: true, done: true, not_home: true, cancelled: true,
  }),
  role: all<TechnicianRole>({ fitter: true, mechanic: true, case_manager: true }),
  comm: all<CommunicationPreference>({ phone: true, post: true, email: true, app: true }),
  "device.status": all<DeviceStatus>({
    in_use: true, awaiting_repair: true, out_of_use: true, in_depot: true, on_loan: true,
  }),
  "order.kind": all<OrderKind>({ provision: true, adjustment: true, replacement: true, collection: true }),
  "order.status": all<OrderStatus>({ open: true, completed: true, cancelled: true }),
  "resident.caregiver_kind": all<CaregiverKind>({ informal: true, professional: true }),
  "battery.chemistry": all<BatteryChemistry>({ lead_agm: true, lead_gel: true, lithium: true }),
  "sling.state": all<SlingStatus>({ in_use: true, withdrawn: true }),
  "repair.class_meaning": all<ResponseClass>({ A: true, B: true, C: true }),
  "chain.reason": all<BreakReason>({
    hash_mismatch: true, prev_hash_mismatch: true, sequence_gap: true, wrong_device: true,
    tail_missing: true,
  }),
  warning: all<PassportWarning["kind"]>({
    out_of_use: true, maintenance_overdue: true, inspection_overdue: true, sling_withdrawn: true,
    battery_below_reconditioned_minimum: true, replacement_due: true,
  }),
  "job.state": all<JobState>({
    not_started: true, in_progress: true, ready_to_sign: true, completed: true, cannot_proceed: true,
  }),
  "job.deviation": all<DeviationStatus>({ pending: true, approved: true, rejected: true }),
  "jobscreen.blocked": all<Blocked["reason"]>({ deviation_pending: true, deviation_rejected: true }),
  unit: all<Unit>({
    mm: true, cm: true, kg: true, bar: true, volt: true, ampere: true, milliampere: true, ohm: true,
    megaohm: true, ampere_hour: true, percent: true, km: true, hours: true, minutes: true,
    km_per_hour: true, degrees: true, count: true, euro: true,
  }),
  "logbook.kind": all<LogbookKind>({
    registered: true, fitting: true, delivery: true, preventive_maintenance: true,
    hoist_inspection: true, sling_inspection: true, malfunction_reported: true, repair: true,
    adjustment: true, replacement: true, collection: true, loan_placed: true, loan_returned: true,
    usage_check: true, signal: true, damage_report: true, correction: true, note: true,
  }),
  // The passport shows these fields of a device (each a real field of the generated type).
  "passport.field": [
    "registration_number", "category", "brand", "model", "serial_number", "build_year",
    "first_issued_on", "first_delivered_on", "last_delivered_on", "catalogue_value_cents",
    "accessories_value_cents", "configuration", "measurements", "reconditioned", "electric",
    "battery", "insurance_plate", "wlz_use", "max_user_weight_kg", "swl_kg", "status",
    "resident_id", "last_preventive_maintenance_on", "last_malfunction_on",
    "last_misuse_maintenance_on", "next_maintenance_due", "next_inspection_due",
  ] satisfies (keyof Device)[],
};

// ---------------------------------------------------------------------------------------------
// No user-facing literal text in components: all of it must come from the dictionaries.

/** Symbols that may stand as literal text between tags or expressions. */
const ALLOWED_SYMBOLS = ["·", "–", "—", "€", "⚠", "⛔", "✔", "✖", "◀", "▶", "⏱", "%"];
const ALLOWED_PUNCTUATION = /[\s,.:;()[\]!?/'"-]/g;
const TEXT_ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "aria-description"];

/** Removes `{...}` expressions (nested braces and quoted strings included). */
function stripExpressions(source: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (depth === 0) {
      if (c === "{") depth = 1;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
  }
  return out;
}

export function literalTexts(component: string): string[] {
  const markup = stripExpressions(
    component
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<!--[\s\S]*?-->/g, ""),
  );
  const found: string[] = [];
  const meaningful = (text: string) => {
    let rest = text.replace(ALLOWED_PUNCTUATION, "");
    for (const symbol of ALLOWED_SYMBOLS) rest = rest.split(symbol).join("");
    return rest.length > 0;
  };
  for (const match of markup.matchAll(/>([^<>]*)</g)) {
    if (meaningful(match[1])) found.push(match[1].trim());
  }
  for (const name of TEXT_ATTRIBUTES) {
    for (const match of markup.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))) {
      if (meaningful(match[1])) found.push(`${name}="${match[1]}"`);
    }
  }
  return found;
}

const components = import.meta.glob("../src/**/*.svelte", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("components", () => {
  it("the scanner finds literal text (self-test)", () => {
    expect(literalTexts('<p>Hallo {name}</p><button aria-label="Sluiten">{x}</button>')).toEqual([
      "Hallo",
      'aria-label="Sluiten"',
    ]);
    expect(literalTexts('<p>{$_("a")} · {b} – €</p><span>{"x > y"}</span>')).toEqual([]);
  });

  it("were all scanned", () => {
    expect(Object.keys(components).length).toBeGreaterThan(20);
  });

  it("contain no user-facing literal text", () => {
    const offenders = Object.entries(components).flatMap(([file, source]) =>
      literalTexts(source).map((text) => `${file}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("enum lists from the bindings", () => {
  it("are the generated lists, each value once, each translated in nl and en", () => {
    const lists = {
      "check.result": CHECK_RESULTS,
      "signal.kind": SIGNAL_KINDS,
      "complaint.process": COMPLAINT_PROCESSES,
      "not_home.reason": NOT_HOME_REASONS,
      signer_role: SIGNER_ROLES,
      "category.name": CATEGORIES,
    };
    for (const [prefix, values] of Object.entries(lists)) {
      expect(values.length, prefix).toBeGreaterThan(0);
      expect(new Set(values).size, prefix).toBe(values.length);
      // The screens show exactly these lists: nothing in them may be without words.
      expect(values.filter((v) => !translated(`${prefix}.${v}`)), prefix).toEqual([]);
      expect(ENUMS[prefix], prefix).toBe(values);
    }
  });

  it("the translation check itself finds a missing word (self-test)", () => {
    expect(translated("signal.kind.safety_threat")).toBe(true);
    expect(translated("signal.kind.no_such_kind")).toBe(false);
    expect(translated("signal.kind")).toBe(false);
  });
});

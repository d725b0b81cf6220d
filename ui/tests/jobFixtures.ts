// Invented guided-job data in the shape of the generated bindings (JobView, templates). Answer
// keys are written out as the back end sends them (`StepProgress.keys`): the UI never builds one.
import {
  NOT_HOME_REASONS,
  type Item,
  type JobView,
  type Localized,
  type Resident,
  type StepProgress,
  type Template,
  type VisitJob,
} from "../src/lib/bindings";
import { deviceSummary } from "./fixtures";

const l = (nl: string, en = nl): Localized => ({ nl, en });

export const resident: Resident = {
  id: "res-1",
  resident_number: "AP-100234",
  municipality_id: "m1",
  initials: "J.",
  first_name: "Jan",
  name_prefix: null,
  surname: "Jansen",
  birth_date: "1941-03-12",
  address: { street: "Dorpsstraat", house_number: "12A", postcode: "7311 AB", city: "Apeldoorn" },
  phone: "06-12345678",
  email: null,
  preferred_communication: "phone",
  particulars: null,
};

const check = (id: string, label: string, extra: Partial<Item> = {}): Item => ({
  id,
  label: l(label),
  input: { type: "check" },
  ...extra,
});

/** A small preventive-maintenance form: checks, a measurement, a choice, text, a sign-off. */
export const pmTemplate: Template = {
  id: "pm-test",
  version: 3,
  job_kind: "preventive_maintenance",
  title: l("Preventief onderhoud test", "Preventive maintenance test"),
  steps: [
    {
      id: "frame",
      title: l("Frame", "Frame"),
      items: [
        check("brakes", "Remmen", { help: l("Controleer beide remmen.", "Check both brakes.") }),
        check("tyres", "Banden"),
        check("lights", "Verlichting", { when: { if: "device_electric", value: true } }),
        {
          id: "tyre_pressure",
          label: l("Bandenspanning", "Tyre pressure"),
          input: {
            type: "measurement",
            unit: "bar",
            min: 0,
            max: 16,
            warn_min: 1.5,
            warn_max: 6.5,
            decimals: 1,
          },
        },
      ],
    },
    {
      id: "usage",
      title: l("Gebruik", "Usage"),
      items: [
        {
          id: "functional_check",
          label: l("Toetsing gebruik", "Usage check"),
          required: true,
          input: {
            type: "choice",
            options: [
              { id: "adequate", label: l("Passend", "Adequate") },
              { id: "not_adequate", label: l("Niet passend", "Not adequate") },
            ],
          },
        },
        {
          id: "notes",
          label: l("Toelichting", "Notes"),
          required: true,
          input: { type: "text", max_chars: 1000, multiline: true },
        },
      ],
    },
    {
      id: "battery",
      title: l("Accu", "Battery"),
      when: { if: "device_electric", value: true },
      items: [check("contacts", "Accucontacten")],
    },
    {
      id: "signoff",
      title: l("Aftekenen", "Sign-off"),
      items: [{ id: "signer", label: l("Paraaf"), required: true, input: { type: "sign_off" } }],
    },
  ],
};

/** A step's progress; `keys`: the answer key of every item of the step, in the template's order. */
export const progress = (
  step_id: string,
  title: string,
  keys: string[],
  over: Partial<StepProgress> = {},
): StepProgress => ({
  step_id,
  instance: null,
  instance_label: null,
  title: l(title),
  applicable: true,
  items: 2,
  answered: 0,
  required_missing: 0,
  keys,
  ...over,
});

/**
 * A job alone in its visit: whatever the reason, a not-home report closes this job only.
 * (Tests of a visit with more jobs give `visit_jobs` and `not_home_closes` as Rust would.)
 */
export function pmView(overrides: Partial<JobView> = {}): JobView {
  const self: VisitJob = {
    id: overrides.job_id ?? "job-1",
    kind: overrides.kind ?? "preventive_maintenance",
    status: "in_progress",
  };
  return {
    job_id: "job-1",
    kind: "preventive_maintenance",
    appointment_id: "apt-1",
    resident_name: "Jan Jansen",
    visit_jobs: [self],
    not_home_closes: NOT_HOME_REASONS.map((reason) => ({ reason, jobs: [self] })),
    from_depot: [],
    photo_items: [],
    resident_devices: [deviceSummary({ category: "1", category_name: l("Handbewogen rolstoel") })],
    window: { start: "2026-03-30T06:00:00.000Z", end: "2026-03-30T08:00:00.000Z" },
    job_day: "2026-03-30",
    planned_day: "2026-03-30",
    resident,
    signers: [
      { name: "Jan Jansen", role: "resident", relation: null },
      { name: "Marieke Jansen", role: "caregiver", relation: "dochter" },
    ],
    contacts: [],
    device: deviceSummary({ category: "1", category_name: l("Handbewogen rolstoel") }),
    device_electric: false,
    order: null,
    malfunction: null,
    deadlines: null,
    slings: [],
    state: "in_progress",
    template: pmTemplate,
    template_problem: null,
    answers: {},
    steps: [
      progress("frame", "Frame", ["frame.brakes", "frame.tyres", "frame.lights", "frame.tyre_pressure"], {
        items: 3,
      }),
      progress("usage", "Gebruik", ["usage.functional_check", "usage.notes"], { required_missing: 2 }),
      progress("battery", "Accu", ["battery.contacts"], { applicable: false, items: 0 }),
      progress("signoff", "Aftekenen", ["signoff.signer"], { items: 1, required_missing: 1 }),
    ],
    // "frame.lights" does not apply (not electric); "usage.notes" applies.
    applicable: [
      "frame.brakes",
      "frame.tyres",
      "frame.tyre_pressure",
      "usage.functional_check",
      "usage.notes",
      "signoff.signer",
    ],
    missing: [
      {
        key: "usage.functional_check",
        step_id: "usage",
        instance: null,
        step_title: l("Gebruik"),
        label: l("Toetsing gebruik"),
        problem: null,
      },
      {
        key: "usage.notes",
        step_id: "usage",
        instance: null,
        step_title: l("Gebruik"),
        label: l("Toelichting"),
        problem: null,
      },
      {
        key: "signoff.signer",
        step_id: "signoff",
        instance: null,
        step_title: l("Aftekenen"),
        label: l("Paraaf"),
        problem: null,
      },
    ],
    answer_warnings: [],
    warnings: [],
    suggestions: {},
    blocked: null,
    deviation: null,
    report: null,
    not_home: null,
    ...overrides,
  };
}

/** A hoist inspection with one step repeated per sling (two slings). */
export const hoistTemplate: Template = {
  id: "hoist-test",
  version: 1,
  job_kind: "hoist_inspection",
  title: l("Keuring tillift"),
  steps: [
    { id: "hoist", title: l("Tillift"), items: [check("mast", "Mast")] },
    {
      id: "sling",
      title: l("Tilband"),
      repeat: "slings",
      items: [check("burns", "Brandplekken"), check("stitching", "Stiksels")],
    },
  ],
};

export function hoistView(overrides: Partial<JobView> = {}): JobView {
  return pmView({
    kind: "hoist_inspection",
    template: hoistTemplate,
    steps: [
      progress("hoist", "Tillift", ["hoist.mast"], { items: 1 }),
      progress("sling", "Tilband", ["sling[s-1].burns", "sling[s-1].stitching"], {
        instance: "s-1",
        instance_label: "TB-1",
      }),
      progress("sling", "Tilband", ["sling[s-2].burns", "sling[s-2].stitching"], {
        instance: "s-2",
        instance_label: "TB-2",
      }),
    ],
    applicable: [
      "hoist.mast",
      "sling[s-1].burns",
      "sling[s-1].stitching",
      "sling[s-2].burns",
      "sling[s-2].stitching",
    ],
    missing: [],
    ...overrides,
  });
}

/** A delivery (ends in "ready to sign"). */
export function deliveryView(overrides: Partial<JobView> = {}): JobView {
  return pmView({
    kind: "delivery",
    template: {
      id: "delivery-test",
      version: 1,
      job_kind: "delivery",
      title: l("Levering"),
      steps: [
        {
          id: "identity",
          title: l("Hulpmiddel"),
          items: [
            {
              id: "registration",
              label: l("Registratienummer"),
              required: true,
              input: { type: "registration" },
            },
          ],
        },
      ],
    },
    steps: [progress("identity", "Hulpmiddel", ["identity.registration"], { items: 1 })],
    applicable: ["identity.registration"],
    missing: [],
    ...overrides,
  });
}

/** One step with every typed input, and a second step to move to. */
export function mixedView(overrides: Partial<JobView> = {}): JobView {
  return pmView({
    template: {
      id: "mixed-test",
      version: 1,
      job_kind: "preventive_maintenance",
      title: l("Allerlei"),
      steps: [
        {
          id: "a",
          title: l("Invullen"),
          items: [
            check("brakes", "Remmen"),
            {
              id: "pressure",
              label: l("Bandenspanning"),
              input: { type: "measurement", unit: "bar", min: 0, max: 16, decimals: 1 },
            },
            { id: "reg", label: l("Registratienummer"), input: { type: "registration" } },
            { id: "remark", label: l("Opmerking"), input: { type: "text", max_chars: 200 } },
            {
              id: "topics",
              label: l("Onderwerpen"),
              input: {
                type: "multi_choice",
                options: [
                  { id: "controls", label: l("Bediening") },
                  { id: "charging", label: l("Laden") },
                  { id: "cleaning", label: l("Schoonmaken") },
                ],
              },
            },
            { id: "parts", label: l("Onderdelen"), input: { type: "parts" } },
          ],
        },
        { id: "b", title: l("Afsluiten"), items: [check("done", "Klaar")] },
      ],
    },
    steps: [
      progress("a", "Invullen", ["a.brakes", "a.pressure", "a.reg", "a.remark", "a.topics", "a.parts"], {
        items: 6,
      }),
      progress("b", "Afsluiten", ["b.done"], { items: 1 }),
    ],
    applicable: ["a.brakes", "a.pressure", "a.reg", "a.remark", "a.topics", "a.parts", "b.done"],
    missing: [],
    ...overrides,
  });
}

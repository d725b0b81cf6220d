import { describe, expect, it } from "vitest";
import { answerKey, formatDecimal, isLoanKey, notHomeJobs, parseDecimal, splitKey } from "../src/lib/job";
import { quickDays } from "../src/lib/jobInput";

describe("answer keys", () => {
  it("builds and splits plain and per-sling keys", () => {
    expect(answerKey("frame", null, "brakes")).toBe("frame.brakes");
    expect(answerKey("sling", "0190-ab", "burns")).toBe("sling[0190-ab].burns");
    expect(splitKey("sling[0190-ab].burns")).toEqual({ step: "sling", instance: "0190-ab", item: "burns" });
    expect(splitKey("frame.brakes")).toEqual({ step: "frame", instance: null, item: "brakes" });
    expect(splitKey("nodot")).toBeNull();
  });

  it("knows which registration items take a loan device", () => {
    expect(isLoanKey("resolution.loan_registration")).toBe(true);
    expect(isLoanKey("loan.registration")).toBe(true);
    expect(isLoanKey("work.replacement_registration")).toBe(true);
    expect(isLoanKey("identity.registration")).toBe(false);
    expect(isLoanKey("new_device.registration")).toBe(false);
  });
});

describe("numbers as typed", () => {
  it("accepts a decimal comma or point, and nothing else", () => {
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal("12.5")).toBe(12.5);
    expect(parseDecimal(" 475 ")).toBe(475);
    expect(parseDecimal(",5")).toBe(0.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("  ")).toBeNull();
    expect(parseDecimal("12,5,3")).toBeNaN();
    expect(parseDecimal("1.234,5")).toBeNaN();
    expect(parseDecimal("abc")).toBeNaN();
    expect(parseDecimal("1e3")).toBeNaN();
  });

  it("shows numbers without grouping in the UI language", () => {
    expect(formatDecimal(12.5, "nl")).toBe("12,5");
    expect(formatDecimal(12.5, "en")).toBe("12.5");
    expect(formatDecimal(1234, "nl")).toBe("1234");
    expect(formatDecimal(0.1 + 0.2, "en")).toBe("0.3");
  });
});

describe("quick dates", () => {
  it("offers only days within the item's bounds", () => {
    expect(quickDays(1, 21).map((q) => q.days)).toEqual([1, 7, 14, 21]);
    expect(quickDays(-400, 0).map((q) => q.days)).toEqual([0]);
    expect(quickDays(0, null).map((q) => q.days)).toEqual([0, 1, 7, 14]);
  });
});

describe("not home", () => {
  const view = {
    job_id: "job-1",
    kind: "preventive_maintenance" as const,
    visit_jobs: [
      { id: "job-1", kind: "preventive_maintenance" as const, status: "in_progress" as const },
      { id: "job-2", kind: "delivery" as const, status: "open" as const },
      { id: "job-3", kind: "repair" as const, status: "in_progress" as const },
      { id: "job-4", kind: "fitting" as const, status: "completed" as const },
      { id: "job-5", kind: "collection" as const, status: "cannot_proceed" as const },
    ],
  };

  it("closes this job and the visit's jobs not started, never another job in progress", () => {
    for (const reason of ["not_home", "refused"] as const) {
      expect(notHomeJobs(view, reason)).toEqual([
        { id: "job-1", kind: "preventive_maintenance" },
        { id: "job-2", kind: "delivery" },
      ]);
    }
  });

  it("closes only this job when it cannot proceed", () => {
    expect(notHomeJobs(view, "cannot_proceed")).toEqual([{ id: "job-1", kind: "preventive_maintenance" }]);
  });

  it("closes this job even when the visit list does not have it", () => {
    expect(notHomeJobs({ ...view, visit_jobs: view.visit_jobs.slice(1, 2) }, "not_home").map((j) => j.id))
      .toEqual(["job-1", "job-2"]);
  });
});

// Complex custom work on the resident's page: a plan is recorded with what, why, the timeline
// and the evaluation day; its consent and updates are added; the day the next update is due
// shows, marked when it has passed.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import WorkPlans from "../src/components/resident/WorkPlans.svelte";
import { setLocale } from "../src/lib/i18n";
import type { PlanView } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";

const fake = installFakeBackend();
const RESIDENT = "019a0000-0000-7000-8000-000000000002";

const view = (overdue: boolean): PlanView => ({
  plan: {
    id: "019a0000-0000-7000-8000-00000000f001",
    resident_id: RESIDENT,
    order_id: null,
    specification: "Zitschaal op maat",
    timeline: "Proefzit 16 maart",
    evaluate_on: "2026-04-20",
    created_at: "2026-03-02T09:00:00.000Z",
    author: "Casemanager",
  },
  updates: [],
  state: { consent_on: null, evaluated_on: null, next_update_by: "2026-03-16", update_overdue: overdue },
});

describe("custom work plans", () => {
  it("records a plan, then an update with its kind", async () => {
    setLocale("nl");
    fake.residentPlans.mockResolvedValueOnce([]).mockResolvedValue([view(true)]);
    fake.recordWorkPlan.mockResolvedValue(view(false).plan);
    fake.recordPlanUpdate.mockImplementation((id, plan, resident, kind, text) =>
      Promise.resolve({ id, plan_id: plan, resident_id: resident, kind, text, created_at: "2026-03-03T09:00:00.000Z", author: "Casemanager" }),
    );
    render(WorkPlans, { residentId: RESIDENT });
    await fireEvent.click(await screen.findByTestId("work-plan-new"));
    await fireEvent.click(screen.getByTestId("work-plan-save"));
    expect(screen.getByTestId("work-plan-error").textContent).toContain("Beschrijf");
    await fireEvent.input(screen.getByTestId("plan-specification"), { target: { value: "Zitschaal op maat" } });
    await fireEvent.input(screen.getByTestId("plan-timeline"), { target: { value: "Proefzit 16 maart" } });
    await fireEvent.click(screen.getByTestId("work-plan-save"));
    await waitFor(() => expect(fake.recordWorkPlan).toHaveBeenCalledTimes(1));
    const [, resident, order, spec, line, day] = fake.recordWorkPlan.mock.calls[0];
    expect([resident, order, spec, line]).toEqual([RESIDENT, null, "Zitschaal op maat", "Proefzit 16 maart"]);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const plan = await screen.findByTestId("work-plan");
    expect(plan.dataset.overdue).toBe("true");
    expect(screen.getByTestId("work-plan-next").textContent).toContain("te laat");
    await fireEvent.click(screen.getByTestId("plan-update-open"));
    await fireEvent.click(screen.getByTestId("plan-kind-consent"));
    await fireEvent.input(screen.getByTestId("plan-update-text"), { target: { value: "Stemt in" } });
    await fireEvent.click(screen.getByTestId("plan-update-save"));
    await waitFor(() => expect(fake.recordPlanUpdate).toHaveBeenCalledTimes(1));
    const call = fake.recordPlanUpdate.mock.calls[0];
    expect(call.slice(1)).toEqual(["019a0000-0000-7000-8000-00000000f001", RESIDENT, "consent", "Stemt in"]);
  });
});

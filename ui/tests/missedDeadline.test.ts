// A repair deadline that will be missed: the dialog needs a new date and a reason, sends both
// message ids made once (a retry after a failure sends the same ones), and the job lists the
// recorded messages.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import JobMessages from "../src/components/visit/JobMessages.svelte";
import { setLocale } from "../src/lib/i18n";
import type { MessageRecord } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";
import { pmView } from "./jobFixtures";

const fake = installFakeBackend();

const repair = () =>
  pmView({
    kind: "repair",
    state: "in_progress",
    deadlines: {
      on_site_by: "2026-03-30T10:00:00.000Z",
      fixed_by: "2026-03-30T16:00:00.000Z",
      replacement_by: "2026-03-30T21:59:59.000Z",
      replacement_shown_from: "2026-03-29T22:00:00.000Z",
    },
  });

const message = (id: string, recipient: "resident" | "municipality"): MessageRecord => ({
  id,
  resident_id: "019a0000-0000-7000-8000-000000000002",
  municipality_id: "019a0000-0000-7000-8000-000000000003",
  job_id: "job-1",
  appointment_id: null,
  recipient,
  channel: recipient === "resident" ? "letter" : "email",
  address: recipient === "resident" ? "Kerkstraat 1, 7231 AB Warnsveld" : null,
  reason: "deadline_missed",
  language: "nl",
  subject: "Reparatie van uw rolstoel: de nieuwe datum is 2 april 2026",
  body: "Beste inwoner",
  created_at: "2026-03-30T09:00:00.000Z",
  author: "Monteur",
});

describe("a repair deadline that will be missed", () => {
  it("is told with a new date and a reason, the same message ids on a retry", async () => {
    setLocale("nl");
    fake.informMissedDeadline
      .mockRejectedValueOnce({ code: "sync_failed", message: { nl: "Even niet.", en: "Not now." } })
      .mockImplementation((_job, ids) =>
        Promise.resolve([message(ids[0], "resident"), message(ids[1], "municipality")]),
      );
    render(JobMessages, { view: repair() });
    await fireEvent.click(await screen.findByTestId("missed-open"));
    await fireEvent.click(screen.getByTestId("missed-save"));
    expect((await screen.findByTestId("missed-error")).textContent).toContain("nieuwe datum");
    await fireEvent.click(screen.getAllByTestId("date-quick")[0]);
    await fireEvent.click(screen.getByTestId("missed-save"));
    expect(screen.getByTestId("missed-error").textContent).toContain("reden");
    await fireEvent.input(screen.getByTestId("missed-reason"), {
      target: { value: "Het onderdeel komt pas later" },
    });
    await fireEvent.click(screen.getByTestId("missed-save"));
    expect((await screen.findByTestId("missed-error")).textContent).toContain("Even niet");
    await fireEvent.click(screen.getByTestId("missed-save"));
    await waitFor(() => expect(screen.getAllByTestId("job-message")).toHaveLength(2));
    const [first, second] = fake.informMissedDeadline.mock.calls;
    expect(first[1]).toEqual(second[1]);
    expect(first[1]).toHaveLength(2);
    expect(first[1][0]).not.toBe(first[1][1]);
    expect(second[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(second[3]).toBe("Het onderdeel komt pas later");
    expect(screen.queryByTestId("missed-dialog")).toBeNull();
    expect(screen.getAllByTestId("job-message")[0].textContent).toContain("brief");
  });

  it("does not send the date picked before when a typed date is refused", async () => {
    setLocale("nl");
    render(JobMessages, { view: repair() });
    await fireEvent.click(await screen.findByTestId("missed-open"));
    await fireEvent.click(screen.getAllByTestId("date-quick")[0]);
    await fireEvent.input(screen.getByTestId("missed-reason"), { target: { value: "Onderdeel later" } });
    await fireEvent.input(screen.getByTestId("missed-date"), { target: { value: "31-02-2026" } });
    await fireEvent.keyDown(screen.getByTestId("missed-date"), { key: "Enter" });
    await screen.findByTestId("missed-date-error");
    await fireEvent.click(screen.getByTestId("missed-save"));
    expect(fake.informMissedDeadline).not.toHaveBeenCalled();
    expect(screen.getByTestId("missed-dialog")).toBeTruthy();
  });

  it("is not offered for a job without a repair deadline", async () => {
    setLocale("nl");
    render(JobMessages, { view: pmView() });
    await waitFor(() => expect(fake.jobMessages).toHaveBeenCalled());
    expect(screen.queryByTestId("missed-open")).toBeNull();
  });
});

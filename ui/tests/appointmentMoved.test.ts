// An appointment that cannot be kept as planned: from its card the resident is told at once
// with a new time (a window of at most two hours) and a reason; one message id per dialog.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import AppointmentCard from "../src/components/AppointmentCard.svelte";
import { setLocale } from "../src/lib/i18n";
import type { MessageRecord, TimeWindow } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";
import { appointment } from "./fixtures";

const fake = installFakeBackend();

describe("an appointment that cannot be kept as planned", () => {
  it("tells the resident the new time at once", async () => {
    setLocale("nl");
    fake.informAppointmentMoved.mockImplementation(
      (_a: string, id: string, proposed: TimeWindow): Promise<MessageRecord> =>
        Promise.resolve({
          id,
          resident_id: "res-1",
          municipality_id: "mun-1",
          job_id: null,
          appointment_id: "apt-1",
          recipient: "resident",
          channel: "sms",
          address: "06-12345678",
          reason: "appointment_moved",
          proposed,
          language: "nl",
          subject: "Uw afspraak verandert",
          body: "Beste inwoner",
          created_at: "2026-03-30T06:30:00.000Z",
          author: "Monteur",
        }),
    );
    render(AppointmentCard, { appointment: appointment() });
    await fireEvent.click(screen.getByTestId("appointment-moved-open"));
    const dialog = screen.getByTestId("moved-dialog");
    await fireEvent.click(within(dialog).getByTestId("moved-save"));
    expect(within(dialog).getByTestId("moved-error").textContent).toContain("nieuwe tijdstip");
    await fireEvent.input(within(dialog).getByTestId("moved-date"), { target: { value: "2026-03-31" } });
    await fireEvent.input(within(dialog).getByTestId("moved-start"), { target: { value: "09:00" } });
    await fireEvent.input(within(dialog).getByTestId("moved-end"), { target: { value: "11:30" } });
    await fireEvent.click(within(dialog).getByTestId("moved-save"));
    expect(within(dialog).getByTestId("moved-error").textContent).toMatch(/150 minuten/);
    await fireEvent.input(within(dialog).getByTestId("moved-end"), { target: { value: "11:00" } });
    await fireEvent.click(within(dialog).getByTestId("moved-save"));
    expect(within(dialog).getByTestId("moved-error").textContent).toContain("reden");
    expect(fake.informAppointmentMoved).not.toHaveBeenCalled();
    await fireEvent.input(within(dialog).getByTestId("moved-reason"), {
      target: { value: "Spoedreparatie elders" },
    });
    await fireEvent.click(within(dialog).getByTestId("moved-save"));
    await waitFor(() => expect(fake.informAppointmentMoved).toHaveBeenCalledTimes(1));
    const [apt, , window, reason] = fake.informAppointmentMoved.mock.calls[0];
    expect(apt).toBe("apt-1");
    // 09:00–11:00 in Amsterdam on 31 March 2026 (summer time): 07:00–09:00 UTC
    expect(window).toEqual({ start: "2026-03-31T07:00:00.000Z", end: "2026-03-31T09:00:00.000Z" });
    expect(reason).toBe("Spoedreparatie elders");
    const told = await screen.findByTestId("appointment-moved-told");
    expect(told.textContent).toContain("sms");
    expect(told.textContent).toContain("09:00");
    expect(screen.queryByTestId("moved-dialog")).toBeNull();
  });

  it("is not offered for a visit that is done", () => {
    setLocale("nl");
    render(AppointmentCard, { appointment: appointment({ status: "done" }) });
    expect(screen.queryByTestId("appointment-moved-open")).toBeNull();
  });
});

// Signing the user agreement at delivery: the text is shown, a drawn signature is recorded
// with the hash of the text it was under, a stale signature says so, and completing waits for
// both sides.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import AgreementSigning from "../src/components/job/AgreementSigning.svelte";
import { setLocale } from "../src/lib/i18n";
import type { AgreementPreview, AgreementSigners, JobView, SignedBy } from "../src/lib/bindings";
import type { JobSession } from "../src/lib/jobSession.svelte";
import { installFakeBackend } from "./fakeBackend";
import { installCanvasStub, layOutCanvases } from "./canvasStub";
import { stroke } from "./pointer";

const fake = installFakeBackend();
let restore: (() => void)[] = [];

beforeEach(() => {
  setLocale("nl");
  const c = installCanvasStub();
  const l = layOutCanvases({ width: 600, height: 200 });
  restore = [c.restore, l.restore];
});
afterEach(() => restore.forEach((r) => r()));

const H = "a".repeat(64);
const view = { job_id: "019a0000-0000-7000-8000-000000000001" } as unknown as JobView;
const preview: AgreementPreview = {
  title: "Gebruikersovereenkomst",
  text: "Tussen Gemeente Olst-Wijhe en Anke Ruïzendaal\n\nDe inwoner gebruikt het hulpmiddel zoals uitgelegd.",
  text_sha256: H,
};
const by = (name: string, role: SignedBy["role"], hash = H): SignedBy => ({
  id: "019a0000-0000-7000-8000-0000000000c1",
  name,
  role,
  signed_at: "2026-03-30T09:42:00.000Z",
  text_sha256: hash,
});

function session() {
  const completeDelivery = vi.fn(() => Promise.resolve(true));
  return { s: { completeDelivery } as unknown as JobSession, completeDelivery };
}

describe("the agreement signing panel", () => {
  it("shows the text, records a drawn signature under its hash and then waits for the technician", async () => {
    const signers: AgreementSigners = { resident_side: null, technician: null };
    fake.agreementSigners.mockResolvedValue(signers);
    fake.agreementPreview.mockResolvedValue(preview);
    fake.recordSignature.mockResolvedValue(by("Anke Ruïzendaal", "resident"));
    const { s, completeDelivery } = session();
    render(AgreementSigning, { view, session: s });
    expect((await screen.findByTestId("agreement-text")).textContent).toContain("Anke Ruïzendaal");
    const complete = screen.getByTestId("agreement-complete") as HTMLButtonElement;
    expect(complete.disabled).toBe(true);

    await fireEvent.click(screen.getByTestId("agreement-resident-sign"));
    await fireEvent.input(screen.getByTestId("signature-name"), {
      target: { value: "Anke Ruïzendaal" },
    });
    await stroke(screen.getByTestId("signature-canvas"), [
      [100, 100],
      [160, 60],
      [220, 140],
    ]);
    await tick();
    fake.agreementSigners.mockResolvedValue({
      resident_side: by("Anke Ruïzendaal", "resident"),
      technician: null,
    });
    await fireEvent.click(screen.getByTestId("signature-save"));
    await waitFor(() => expect(fake.recordSignature).toHaveBeenCalledTimes(1));
    const [jobId, input] = fake.recordSignature.mock.calls[0];
    expect(jobId).toBe(view.job_id);
    expect(input.purpose).toBe("agreement");
    expect(input.role).toBe("resident");
    expect(input.name).toBe("Anke Ruïzendaal");
    expect(input.text_sha256).toBe(H);
    expect(input.png.length).toBeGreaterThan(0);
    expect(JSON.parse(input.strokes_json)).toHaveLength(1);
    expect((await screen.findByTestId("agreement-resident-signed")).textContent).toContain(
      "Anke Ruïzendaal",
    );
    // the technician has not signed: completing is not possible yet
    expect((screen.getByTestId("agreement-complete") as HTMLButtonElement).disabled).toBe(true);
    expect(completeDelivery).not.toHaveBeenCalled();
  });

  it("completes once both have signed this text, and asks to sign again under another", async () => {
    fake.agreementPreview.mockResolvedValue(preview);
    fake.agreementSigners.mockResolvedValue({
      resident_side: by("Anke Ruïzendaal", "resident"),
      technician: by("Joris Ten Hoeve-Blom", "technician", "b".repeat(64)),
    });
    const { s, completeDelivery } = session();
    const r = render(AgreementSigning, { view, session: s });
    expect(await screen.findByTestId("agreement-technician-stale")).toBeTruthy();
    expect((screen.getByTestId("agreement-complete") as HTMLButtonElement).disabled).toBe(true);
    r.unmount();

    fake.agreementSigners.mockResolvedValue({
      resident_side: by("Anke Ruïzendaal", "resident"),
      technician: by("Joris Ten Hoeve-Blom", "technician"),
    });
    render(AgreementSigning, { view, session: s });
    await waitFor(() =>
      expect((screen.getByTestId("agreement-complete") as HTMLButtonElement).disabled).toBe(false),
    );
    await fireEvent.click(screen.getByTestId("agreement-complete"));
    expect(completeDelivery).toHaveBeenCalledTimes(1);
  });
});

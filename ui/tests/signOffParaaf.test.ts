// The sign-off item: the paraaf drawn on the pad goes to the back end as a signature with the
// signer's name and role; a refusal goes with its reason; the saved answer says which.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import SignOffInput from "../src/components/job/inputs/SignOffInput.svelte";
import { setLocale } from "../src/lib/i18n";
import type { Answer, Item, JobView, SignOffInput as SignOffBody } from "../src/lib/bindings";
import type { JobSession } from "../src/lib/jobSession.svelte";
import { installCanvasStub, layOutCanvases } from "./canvasStub";
import { stroke } from "./pointer";

let restore: (() => void)[] = [];
beforeEach(() => {
  setLocale("nl");
  const c = installCanvasStub();
  const l = layOutCanvases({ width: 600, height: 200 });
  restore = [c.restore, l.restore];
});
afterEach(() => restore.forEach((r) => r()));

const view = { signers: [{ name: "Anke Ruïzendaal", role: "resident", relation: null }] } as unknown as JobView;

function stub() {
  const signOff = vi.fn<(b: SignOffBody) => Promise<null>>(() => Promise.resolve(null));
  const session = {
    errors: {},
    drafts: {},
    lastSent: () => undefined,
    cancel: vi.fn(),
    save: vi.fn(),
    saveLater: vi.fn(),
    flush: vi.fn(),
    signOff,
  } as unknown as JobSession;
  return { session, signOff };
}

function open(answer: Answer | undefined) {
  const s = stub();
  const item = { id: "signer", input: { type: "sign_off" } } as unknown as Item;
  render(SignOffInput, { answerKey: "signoff.signer", item, answer, session: s.session, view, labelId: "l" });
  return s;
}

describe("the sign-off paraaf", () => {
  it("sends the drawn paraaf with the signer's name and role", async () => {
    const { signOff } = open({ type: "sign_off", name: "Anke Ruïzendaal", role: "resident" });
    await fireEvent.click(screen.getByTestId("signoff-draw"));
    expect((screen.getByTestId("signature-name") as HTMLInputElement).value).toBe("Anke Ruïzendaal");
    await stroke(screen.getByTestId("signature-canvas"), [
      [100, 100],
      [160, 60],
      [220, 140],
    ]);
    await tick();
    await fireEvent.click(screen.getByTestId("signature-save"));
    await waitFor(() => expect(signOff).toHaveBeenCalledTimes(1));
    const body = signOff.mock.calls[0][0];
    expect(body.key).toBe("signoff.signer");
    expect(body.refused).toBeNull();
    expect(body.signature?.purpose).toBe("sign_off");
    expect(body.signature?.role).toBe("resident");
    expect(body.signature?.name).toBe("Anke Ruïzendaal");
    expect(body.signature?.png.length).toBeGreaterThan(0);
  });

  it("records a refusal with its reason, and shows it once saved", async () => {
    const { signOff } = open(undefined);
    await fireEvent.click(screen.getByTestId("signoff-draw"));
    await fireEvent.input(screen.getByTestId("signature-name"), { target: { value: "Piet de Vries" } });
    await fireEvent.click(screen.getByTestId("signature-refuse"));
    await fireEvent.input(screen.getByTestId("signature-refuse-reason"), {
      target: { value: "Wil eerst overleggen" },
    });
    await fireEvent.click(screen.getByTestId("signature-refuse-save"));
    await waitFor(() => expect(signOff).toHaveBeenCalledTimes(1));
    expect(signOff.mock.calls[0][0]).toMatchObject({
      name: "Piet de Vries",
      signature: null,
      refused: "Wil eerst overleggen",
    });
  });

  it("says when the saved sign-off was refused or drawn", () => {
    open({ type: "sign_off", name: "Piet", role: "caregiver", refused: "Geen bril", signature: null });
    expect(screen.getByTestId("signoff-refused").textContent).toContain("Geen bril");
  });
});

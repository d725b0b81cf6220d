// The signature pad: a drawn signature with the signer's name, kept through a resize, or a
// refusal with its reason.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick, type ComponentProps } from "svelte";
import type { PointGroup } from "signature_pad";
import SignaturePad from "../src/components/media/SignaturePad.svelte";
import { setLocale } from "../src/lib/i18n";
import { dataUrlToBytes } from "../src/lib/canvasBytes";
import { fitFactor, scaleStrokes, type SignatureResult } from "../src/lib/signature";
import { installCanvasStub, layOutCanvases, PNG_SIGNATURE, TINY_PNG, type CanvasCall } from "./canvasStub";
import { stroke } from "./pointer";
import { seriousViolations } from "./axe";

let canvasStub: { calls: CanvasCall[]; restore: () => void };
let layout: ReturnType<typeof layOutCanvases>;

beforeEach(() => {
  canvasStub = installCanvasStub();
  layout = layOutCanvases({ width: 600, height: 200 });
  window.devicePixelRatio = 1;
});

afterEach(() => {
  layout.restore();
  canvasStub.restore();
  window.devicePixelRatio = 1;
});

function open(props: Partial<ComponentProps<typeof SignaturePad>> = {}) {
  const onsave = vi.fn<(s: SignatureResult) => void>();
  const onrefuse = vi.fn();
  const oncancel = vi.fn();
  const result = render(SignaturePad, { onsave, onrefuse, oncancel, ...props });
  return { ...result, onsave, onrefuse, oncancel, canvas: screen.getByTestId("signature-canvas") };
}

const ZIGZAG: [number, number][] = [
  [100, 100],
  [140, 60],
  [180, 140],
  [220, 60],
];
const LINE: [number, number][] = [
  [300, 150],
  [360, 150],
  [420, 150],
];

async function draw(canvas: Element, points: [number, number][]): Promise<void> {
  await stroke(canvas, points);
  await tick();
}

const save = () => screen.getByTestId("signature-save") as HTMLButtonElement;
const state = () => screen.getByTestId("signature-state").textContent?.trim();

describe("the signature pad", () => {
  it("cannot save while nothing is drawn, even with a name", async () => {
    open();
    expect(save().disabled).toBe(true);
    expect(state()).toBe("Nog geen handtekening getekend");
    await fireEvent.input(screen.getByTestId("signature-name"), { target: { value: "J. de Vries" } });
    expect(save().disabled).toBe(true);
  });

  it("saves a drawn signature as vector strokes with points and a PNG", async () => {
    const { canvas, onsave } = open({ role: "representative" });
    await draw(canvas, ZIGZAG);
    expect(state()).toBe("Handtekening getekend (1 lijn)");
    // Drawn but no name: still not saved, and it says why.
    expect(save().disabled).toBe(true);
    expect(screen.getByTestId("signature-save-help").textContent).toContain("naam");
    await fireEvent.input(screen.getByTestId("signature-name"), { target: { value: "  J. de Vries " } });
    expect(save().disabled).toBe(false);
    await fireEvent.click(save());

    expect(onsave).toHaveBeenCalledTimes(1);
    const saved = onsave.mock.calls[0][0];
    expect(saved.name).toBe("J. de Vries");
    expect(saved.role).toBe("representative");
    expect(saved.strokes).toHaveLength(1);
    expect(saved.strokes[0].points.length).toBeGreaterThanOrEqual(3);
    expect(saved.strokes[0].points[0]).toMatchObject({ x: 100, y: 100 });
    // Plain data: survives JSON both ways.
    expect(JSON.parse(JSON.stringify(saved.strokes))).toEqual(saved.strokes);
    expect(saved.png).toBeInstanceOf(Uint8Array);
    expect([...saved.png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(saved.png).toEqual(dataUrlToBytes(TINY_PNG));
    expect({ width: saved.width, height: saved.height }).toEqual({ width: 600, height: 200 });
  });

  it("keeps the strokes when the pad is resized, scaled to the new box", async () => {
    const { canvas, onsave } = open({ name: "J. de Vries" });
    await draw(canvas, ZIGZAG);
    await draw(canvas, LINE);
    const el = canvas as HTMLCanvasElement;
    expect([el.width, el.height]).toEqual([600, 200]);

    // Half the size: the canvas bitmap is set again (which wipes it) and the strokes redrawn.
    canvasStub.calls.length = 0;
    layout.box.width = 300;
    layout.box.height = 100;
    window.dispatchEvent(new Event("resize"));
    await tick();
    expect([el.width, el.height]).toEqual([300, 100]);
    expect(canvasStub.calls.some((c) => c.canvas === el && c.method === "arc")).toBe(true);
    expect(state()).toBe("Handtekening getekend (2 lijnen)");

    // A sharper screen: more bitmap pixels, the same strokes.
    window.devicePixelRatio = 2;
    window.dispatchEvent(new Event("resize"));
    await tick();
    expect([el.width, el.height]).toEqual([600, 200]);
    expect(canvasStub.calls.some((c) => c.method === "scale" && c.args[0] === 2 && c.args[1] === 2)).toBe(true);

    await fireEvent.click(save());
    const saved = onsave.mock.calls[0][0];
    expect(saved.strokes).toHaveLength(2);
    expect(saved.strokes[0].points[0]).toMatchObject({ x: 50, y: 50 });
    expect(saved.strokes[1].points.map((p) => p.x)).toEqual([150, 180, 210]);
    expect({ width: saved.width, height: saved.height }).toEqual({ width: 300, height: 100 });
  });

  it("keeps the drawing while the pad is hidden (no size)", async () => {
    const { canvas, component } = open();
    await draw(canvas, ZIGZAG);
    layout.box.width = 0;
    layout.box.height = 0;
    (component as unknown as { resize: () => void }).resize();
    await tick();
    expect(state()).toBe("Handtekening getekend (1 lijn)");
    expect((canvas as HTMLCanvasElement).width).toBe(600);
  });

  it("takes back the last stroke, puts it back, and clears everything", async () => {
    const { canvas } = open({ name: "A" });
    const undo = screen.getByTestId("signature-undo") as HTMLButtonElement;
    const redo = screen.getByTestId("signature-redo") as HTMLButtonElement;
    expect([undo.disabled, redo.disabled]).toEqual([true, true]);
    await draw(canvas, ZIGZAG);
    await draw(canvas, LINE);
    await fireEvent.click(undo);
    expect(state()).toBe("Handtekening getekend (1 lijn)");
    expect(redo.disabled).toBe(false);
    await fireEvent.click(redo);
    expect(state()).toBe("Handtekening getekend (2 lijnen)");
    expect(redo.disabled).toBe(true);
    // A new stroke after an undo: what was taken back is gone for good.
    await fireEvent.click(undo);
    await draw(canvas, LINE);
    expect(redo.disabled).toBe(true);

    await fireEvent.click(screen.getByTestId("signature-clear"));
    expect(state()).toBe("Nog geen handtekening getekend");
    expect(save().disabled).toBe(true);
  });

  it("records a refusal only with a reason", async () => {
    const { onrefuse, onsave } = open({ name: "J. de Vries", role: "resident" });
    await fireEvent.click(screen.getByTestId("signature-refuse"));
    const reason = screen.getByTestId("signature-refuse-reason");
    expect(document.activeElement).toBe(reason);
    await fireEvent.click(screen.getByTestId("signature-refuse-save"));
    expect(onrefuse).not.toHaveBeenCalled();
    expect(screen.getByTestId("signature-refuse-error").textContent).toContain("waarom");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    await fireEvent.input(reason, { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("signature-refuse-save"));
    expect(onrefuse).not.toHaveBeenCalled();
    await fireEvent.input(reason, { target: { value: " Kan niet schrijven (hand in gips) " } });
    await fireEvent.click(screen.getByTestId("signature-refuse-save"));
    expect(onrefuse).toHaveBeenCalledWith({
      reason: "Kan niet schrijven (hand in gips)",
      name: "J. de Vries",
      role: "resident",
    });
    expect(onsave).not.toHaveBeenCalled();
  });

  it("offers no refusal without onrefuse; cancel calls oncancel", async () => {
    const oncancel = vi.fn();
    render(SignaturePad, { onsave: vi.fn(), oncancel });
    expect(screen.queryByTestId("signature-refuse")).toBeNull();
    await fireEvent.click(screen.getByTestId("signature-cancel"));
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it("offers the given roles, the preset one chosen", async () => {
    open({ roles: ["resident", "technician"], role: "technician" });
    const pressed = (r: string) => screen.getByTestId(`signature-role-${r}`).getAttribute("aria-pressed");
    expect(screen.queryByTestId("signature-role-caregiver")).toBeNull();
    expect([pressed("resident"), pressed("technician")]).toEqual(["false", "true"]);
    await fireEvent.click(screen.getByTestId("signature-role-resident"));
    expect([pressed("resident"), pressed("technician")]).toEqual(["true", "false"]);
  });

  it("says the time of signing is recorded (with the caller's time when given)", async () => {
    open({ signedAt: "2026-03-30T12:05:00Z" });
    expect(screen.getByTestId("signature-time-hint").textContent).toContain("14:05");
    setLocale("en");
    await tick();
    expect(screen.getByTestId("signature-time-hint").textContent).toContain("The time of signing is recorded");
  });

  it("never lets the page pan while signing (touch-action none)", () => {
    const { canvas } = open();
    expect(canvas.style.touchAction).toBe("none");
    expect(getComputedStyle(canvas).touchAction).toBe("none");
  });

  it("has no serious accessibility violations, signing or refusing, in both languages", async () => {
    const { canvas } = open();
    await draw(canvas, ZIGZAG);
    expect(await seriousViolations()).toEqual([]);
    await fireEvent.click(screen.getByTestId("signature-refuse"));
    await fireEvent.click(screen.getByTestId("signature-refuse-save"));
    expect(await seriousViolations()).toEqual([]);
    setLocale("en");
    await tick();
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("strokes across sizes", () => {
  const group = (points: [number, number][]): PointGroup => ({
    dotSize: 0,
    minWidth: 1,
    maxWidth: 3,
    penColor: "black",
    velocityFilterWeight: 0.7,
    compositeOperation: "source-over",
    points: points.map(([x, y], i) => ({ x, y, pressure: 0.5, time: i })),
  });

  it("scale uniformly, so that what fitted still fits; growing wider only keeps them", () => {
    expect(fitFactor({ width: 600, height: 200 }, { width: 300, height: 100 })).toBe(0.5);
    expect(fitFactor({ width: 600, height: 200 }, { width: 300, height: 200 })).toBe(0.5);
    expect(fitFactor({ width: 600, height: 200 }, { width: 900, height: 200 })).toBe(1);
    expect(fitFactor({ width: 0, height: 0 }, { width: 300, height: 100 })).toBe(1);
  });

  it("scale positions and pen widths, and leave the original alone", () => {
    const original = [group([[10, 20], [30, 40]])];
    const scaled = scaleStrokes(original, 2);
    expect(scaled[0].points.map((p) => [p.x, p.y])).toEqual([[20, 40], [60, 80]]);
    expect([scaled[0].minWidth, scaled[0].maxWidth]).toEqual([2, 6]);
    expect(scaled[0].points[1].time).toBe(1);
    expect(original[0].points[0].x).toBe(10);
    expect(scaleStrokes(scaleStrokes(original, 0.5), 2)).toEqual(original);
  });

  it("data URLs become bytes (base64 and plain)", () => {
    expect([...dataUrlToBytes("data:text/plain;base64,AAEC/w==")]).toEqual([0, 1, 2, 255]);
    expect([...dataUrlToBytes("data:,A%20B")]).toEqual([65, 32, 66]);
    expect(() => dataUrlToBytes("https://example.org/a.png")).toThrow();
  });
});

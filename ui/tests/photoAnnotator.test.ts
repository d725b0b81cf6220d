// The photo annotator: tools, undo, Esc, and marks saved in the photo's own pixels with an
// annotated copy.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick, type ComponentProps } from "svelte";
import PhotoAnnotator from "../src/components/media/PhotoAnnotator.svelte";
import { setLocale } from "../src/lib/i18n";
import type { Mark } from "../src/lib/annotate";
import { installCanvasStub, JPEG_SIGNATURE, layOutCanvases, PNG_SIGNATURE, type CanvasCall } from "./canvasStub";
import { stroke } from "./pointer";
import { seriousViolations } from "./axe";

const PHOTO = "data:image/jpeg;base64,/9j/2Q==";
let canvasStub: { calls: CanvasCall[]; restore: () => void };
let layout: ReturnType<typeof layOutCanvases>;

beforeEach(() => {
  canvasStub = installCanvasStub();
  // A 4000 × 3000 photo shown at 400 × 300, its box at (10, 20) on the page: 1 display pixel
  // is 10 image pixels.
  layout = layOutCanvases({ width: 400, height: 300, left: 10, top: 20 });
  window.devicePixelRatio = 1;
});

afterEach(() => {
  layout.restore();
  canvasStub.restore();
});

type SaveResult = Parameters<ComponentProps<typeof PhotoAnnotator>["onsave"]>[0];

function open(props: Partial<ComponentProps<typeof PhotoAnnotator>> = {}) {
  const onsave = vi.fn<(r: SaveResult) => void>();
  const oncancel = vi.fn();
  const result = render(PhotoAnnotator, { src: PHOTO, width: 4000, height: 3000, onsave, oncancel, ...props });
  return { ...result, onsave, oncancel, surface: screen.getByTestId("annotate-surface") };
}

/** A drag on the surface, in page pixels (no pause needed: every move counts). */
async function drag(surface: Element, points: [number, number][]): Promise<void> {
  await stroke(surface, points, { gapMs: 0 });
  await tick();
}

const count = () => screen.getByTestId("annotate-count").textContent?.trim();
const pressed = (testid: string) => screen.getByTestId(testid).getAttribute("aria-pressed");

/** Saves, lets the photo load, and returns what onsave got. */
async function saveNow(onsave: ReturnType<typeof vi.fn<(r: SaveResult) => void>>): Promise<SaveResult> {
  await fireEvent.click(screen.getByTestId("annotate-save"));
  await fireEvent.load(screen.getByRole("img"));
  await waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
  return onsave.mock.calls[0][0];
}

describe("the photo annotator", () => {
  it("starts with the arrow in red, the first tool focused; switches tools and colours", async () => {
    const { surface } = open();
    expect(document.activeElement).toBe(screen.getByTestId("annotate-tool-arrow"));
    expect([pressed("annotate-tool-arrow"), pressed("annotate-tool-circle"), pressed("annotate-colour-red")]).toEqual([
      "true",
      "false",
      "true",
    ]);
    await fireEvent.click(screen.getByTestId("annotate-tool-circle"));
    expect([pressed("annotate-tool-arrow"), pressed("annotate-tool-circle")]).toEqual(["false", "true"]);
    expect(surface.dataset.tool).toBe("circle");
    await fireEvent.click(screen.getByTestId("annotate-colour-yellow"));
    expect([pressed("annotate-colour-red"), pressed("annotate-colour-yellow")]).toEqual(["false", "true"]);
    // Every tool is a plain button in the tab order.
    for (const el of screen.getAllByRole("button")) expect(el.getAttribute("tabindex")).toBeNull();
  });

  it("saves the marks in the photo's pixels, with an annotated copy", async () => {
    const { surface, onsave } = open();
    expect((screen.getByTestId("annotate-save") as HTMLButtonElement).disabled).toBe(true);
    await drag(surface, [
      [110, 120],
      [160, 170],
      [210, 220],
    ]);
    await fireEvent.click(screen.getByTestId("annotate-tool-circle"));
    await fireEvent.click(screen.getByTestId("annotate-colour-yellow"));
    await drag(surface, [
      [310, 170],
      [340, 210],
    ]);
    await fireEvent.click(screen.getByTestId("annotate-tool-freehand"));
    await drag(surface, [
      [20, 30],
      [30, 30],
      [40, 40],
    ]);
    expect(count()).toBe("3 markeringen");

    const saved = await saveNow(onsave);
    expect(saved.marks).toEqual<Mark[]>([
      { kind: "arrow", from: { x: 1000, y: 1000 }, to: { x: 2000, y: 2000 }, colour: "red", width: 27 },
      { kind: "circle", center: { x: 3000, y: 1500 }, radius: 500, colour: "yellow", width: 27 },
      {
        kind: "freehand",
        points: [
          { x: 100, y: 100 },
          { x: 200, y: 100 },
          { x: 300, y: 200 },
        ],
        colour: "yellow",
        width: 27,
      },
    ]);
    expect(saved.type).toBe("image/jpeg");
    expect([...saved.bytes.slice(0, 3)]).toEqual(JPEG_SIGNATURE);
    // The copy is the photo at full size with the marks over it.
    const photo = screen.getByRole("img");
    const copy = canvasStub.calls.find((c) => c.method === "drawImage");
    expect(copy?.args).toEqual([photo, 0, 0, 4000, 3000]);
    expect([copy?.canvas.width, copy?.canvas.height]).toEqual([4000, 3000]);
    expect(canvasStub.calls.some((c) => c.canvas === copy?.canvas && c.method === "arc")).toBe(true);
  });

  it("keeps the marks in place when the photo is shown at another size", async () => {
    const { surface, onsave } = open({ type: "image/png" });
    await drag(surface, [
      [110, 120],
      [210, 220],
    ]);
    // Now shown in a wider box: 800 × 300, the photo 400 wide in the middle (bands of 200).
    layout.box.width = 800;
    window.dispatchEvent(new Event("resize"));
    await tick();
    expect((surface as HTMLCanvasElement).width).toBe(800);
    await drag(surface, [
      [210, 20],
      [260, 70],
    ]);
    const saved = await saveNow(onsave);
    expect(saved.marks.map((m) => (m.kind === "arrow" ? [m.from, m.to] : null))).toEqual([
      [
        { x: 1000, y: 1000 },
        { x: 2000, y: 2000 },
      ],
      [
        { x: 0, y: 0 },
        { x: 500, y: 500 },
      ],
    ]);
    expect(saved.type).toBe("image/png");
    expect([...saved.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("a tap makes no mark; undo takes back the last one, Ctrl+Z too", async () => {
    const { surface } = open();
    await drag(surface, [[100, 100]]);
    expect(count()).toBe("Nog geen markeringen");
    await drag(surface, [
      [110, 120],
      [210, 220],
    ]);
    await fireEvent.click(screen.getByTestId("annotate-tool-circle"));
    await drag(surface, [
      [300, 200],
      [350, 200],
    ]);
    expect(count()).toBe("2 markeringen");
    await fireEvent.click(screen.getByTestId("annotate-undo"));
    expect(count()).toBe("1 markering");
    await fireEvent.keyDown(screen.getByTestId("annotate-tool-arrow"), { key: "z", ctrlKey: true });
    expect(count()).toBe("Nog geen markeringen");
    expect((screen.getByTestId("annotate-undo") as HTMLButtonElement).disabled).toBe(true);
  });

  it("starts from marks given, and gives them back unchanged when nothing is added", async () => {
    const given: Mark[] = [{ kind: "circle", center: { x: 10, y: 10 }, radius: 50, colour: "red", width: 27 }];
    const { onsave } = open({ marks: given });
    expect(count()).toBe("1 markering");
    const saved = await saveNow(onsave);
    expect(saved.marks).toEqual(given);
    expect(saved.marks).not.toBe(given);
  });

  it("a second finger does not disturb the first one's mark", async () => {
    const { surface } = open();
    const at = (type: string, x: number, y: number, pointerId: number) =>
      surface.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId, buttons: 1, bubbles: true }));
    at("pointerdown", 110, 120, 1);
    at("pointerdown", 300, 300, 2);
    at("pointermove", 300, 310, 2);
    at("pointerup", 210, 220, 1);
    at("pointerup", 300, 320, 2);
    await tick();
    expect(count()).toBe("1 markering");
  });

  it("Esc cancels; so does the cancel button", async () => {
    const { oncancel } = open();
    await fireEvent.keyDown(screen.getByTestId("annotate-tool-circle"), { key: "Escape" });
    expect(oncancel).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId("annotate-cancel"));
    expect(oncancel).toHaveBeenCalledTimes(2);
  });

  it("says so when the copy cannot be made, and keeps the marks", async () => {
    const { surface, onsave } = open();
    await drag(surface, [
      [110, 120],
      [210, 220],
    ]);
    await fireEvent.click(screen.getByTestId("annotate-save"));
    await fireEvent.error(screen.getByRole("img"));
    expect(await screen.findByTestId("annotate-error")).toBeTruthy();
    expect(onsave).not.toHaveBeenCalled();
    expect(count()).toBe("1 markering");
  });

  it("never lets the page pan while drawing (touch-action none)", () => {
    const { surface } = open();
    expect(getComputedStyle(surface).touchAction).toBe("none");
  });

  it("has no serious accessibility violations, in both languages", async () => {
    const { surface } = open();
    await drag(surface, [
      [110, 120],
      [210, 220],
    ]);
    expect(await seriousViolations()).toEqual([]);
    setLocale("en");
    await tick();
    expect(count()).toBe("1 mark");
    expect(await seriousViolations()).toEqual([]);
  });
});

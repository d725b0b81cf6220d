// The geometry of photo marks: display ↔ image pixels, arrow heads, circles from a drag.
import { describe, expect, it } from "vitest";
import {
  MARK_COLOURS,
  MARK_EDGE,
  arrowHead,
  circleFromDrag,
  clampToImage,
  cloneMarks,
  containView,
  drawMarks,
  isMeaningful,
  lineWidthFor,
  markFromDrag,
  toDisplay,
  toImage,
  type Mark,
  type Point,
} from "../src/lib/annotate";

const close = (a: Point, b: Point) => {
  expect(a.x).toBeCloseTo(b.x, 9);
  expect(a.y).toBeCloseTo(b.y, 9);
};

describe("display and image pixels", () => {
  it("a box of the photo's shape: one scale, no bands", () => {
    expect(containView({ width: 400, height: 300 }, { width: 4000, height: 3000 })).toEqual({
      scale: 0.1,
      offsetX: 0,
      offsetY: 0,
    });
  });

  it("a wider box: bands left and right; a taller one: top and bottom", () => {
    expect(containView({ width: 500, height: 300 }, { width: 4000, height: 3000 })).toEqual({
      scale: 0.1,
      offsetX: 50,
      offsetY: 0,
    });
    expect(containView({ width: 400, height: 400 }, { width: 4000, height: 3000 })).toEqual({
      scale: 0.1,
      offsetX: 0,
      offsetY: 50,
    });
  });

  it("maps a display point to the image and back to the same point", () => {
    const views = [
      containView({ width: 400, height: 300 }, { width: 4000, height: 3000 }),
      containView({ width: 733, height: 211 }, { width: 3024, height: 4032 }),
      containView({ width: 1920, height: 1080 }, { width: 640, height: 480 }),
    ];
    const points = [
      { x: 0, y: 0 },
      { x: 123.4, y: 56.7 },
      { x: 399.99, y: 299.5 },
    ];
    for (const view of views) {
      for (const p of points) {
        close(toDisplay(toImage(p, view), view), p);
        close(toImage(toDisplay(p, view), view), p);
      }
    }
  });

  it("puts the photo's corners where it is shown", () => {
    const view = containView({ width: 500, height: 300 }, { width: 4000, height: 3000 });
    close(toImage({ x: 50, y: 0 }, view), { x: 0, y: 0 });
    close(toImage({ x: 450, y: 300 }, view), { x: 4000, y: 3000 });
    close(toDisplay({ x: 2000, y: 1500 }, view), { x: 250, y: 150 });
  });

  it("keeps a point that left the photo on its edge", () => {
    expect(clampToImage({ x: -5, y: 3100 }, { width: 4000, height: 3000 })).toEqual({ x: 0, y: 3000 });
    expect(clampToImage({ x: 10, y: 20 }, { width: 4000, height: 3000 })).toEqual({ x: 10, y: 20 });
  });

  it("an empty box or image maps one to one (nothing to divide by zero)", () => {
    expect(containView({ width: 0, height: 0 }, { width: 100, height: 100 })).toEqual({ scale: 1, offsetX: 0, offsetY: 0 });
  });
});

describe("line width", () => {
  it("grows with the photo, never thinner than 3 image pixels", () => {
    expect(lineWidthFor({ width: 4000, height: 3000 })).toBe(27);
    expect(lineWidthFor({ width: 1500, height: 1000 })).toBe(10);
    expect(lineWidthFor({ width: 200, height: 100 })).toBe(3);
  });
});

describe("arrow heads", () => {
  it("have two corners behind the tip, turned 30° to either side", () => {
    const [a, b] = arrowHead({ x: 0, y: 0 }, { x: 100, y: 0 }, 20);
    close(a, { x: 100 - 20 * Math.cos(Math.PI / 6), y: -10 });
    close(b, { x: 100 - 20 * Math.cos(Math.PI / 6), y: 10 });
  });

  it("follow the shaft's direction", () => {
    // Pointing down: the corners are above the tip, left and right of it.
    const [a, b] = arrowHead({ x: 50, y: 0 }, { x: 50, y: 100 }, 10, Math.PI / 4);
    const back = 10 * Math.cos(Math.PI / 4);
    close(a, { x: 50 + back, y: 100 - back });
    close(b, { x: 50 - back, y: 100 - back });
    // Each corner is `length` from the tip.
    for (const corner of [a, b]) expect(Math.hypot(corner.x - 50, corner.y - 100)).toBeCloseTo(10, 9);
  });

  it("never outgrow a short shaft", () => {
    const [a] = arrowHead({ x: 0, y: 0 }, { x: 6, y: 8 }, 100);
    expect(Math.hypot(a.x - 6, a.y - 8)).toBeCloseTo(10, 9);
  });
});

describe("circles and marks from a drag", () => {
  it("a circle is centred where the drag began, its radius the drag's length", () => {
    expect(circleFromDrag({ x: 10, y: 20 }, { x: 13, y: 24 })).toEqual({ center: { x: 10, y: 20 }, radius: 5 });
    expect(circleFromDrag({ x: 10, y: 20 }, { x: 10, y: 20 }).radius).toBe(0);
  });

  it("each tool makes its own mark", () => {
    const points = [
      { x: 0, y: 0 },
      { x: 30, y: 40 },
      { x: 60, y: 0 },
    ];
    expect(markFromDrag("arrow", points, "red", 4)).toEqual({
      kind: "arrow",
      from: { x: 0, y: 0 },
      to: { x: 60, y: 0 },
      colour: "red",
      width: 4,
    });
    expect(markFromDrag("circle", points.slice(0, 2), "yellow", 4)).toEqual({
      kind: "circle",
      center: { x: 0, y: 0 },
      radius: 50,
      colour: "yellow",
      width: 4,
    });
    expect(markFromDrag("freehand", points, "red", 4)).toEqual({ kind: "freehand", points, colour: "red", width: 4 });
  });

  it("a tap or a tiny slip makes no mark", () => {
    expect(isMeaningful(markFromDrag("arrow", [{ x: 0, y: 0 }, { x: 5, y: 0 }], "red", 4))).toBe(false);
    expect(isMeaningful(markFromDrag("arrow", [{ x: 0, y: 0 }, { x: 8, y: 0 }], "red", 4))).toBe(true);
    expect(isMeaningful(markFromDrag("circle", [{ x: 0, y: 0 }], "red", 4))).toBe(false);
    expect(isMeaningful(markFromDrag("freehand", [{ x: 0, y: 0 }, { x: 1, y: 1 }], "red", 4))).toBe(false);
  });

  it("copies share nothing with the original", () => {
    const marks: Mark[] = [{ kind: "freehand", points: [{ x: 1, y: 2 }], colour: "red", width: 3 }];
    const copy = cloneMarks(marks);
    expect(copy).toEqual(marks);
    (copy[0] as Extract<Mark, { kind: "freehand" }>).points[0].x = 99;
    expect((marks[0] as Extract<Mark, { kind: "freehand" }>).points[0].x).toBe(1);
  });
});

describe("drawing marks", () => {
  it("draws each mark over a dark edge, in its colour and width", () => {
    const calls: { method: string; args: unknown[]; strokeStyle?: unknown; lineWidth?: unknown }[] = [];
    const state: Record<string, unknown> = {};
    const ctx = new Proxy(state, {
      get: (target, prop: string) =>
        prop in target
          ? target[prop]
          : (...args: unknown[]) =>
              calls.push({ method: prop, args, strokeStyle: target.strokeStyle, lineWidth: target.lineWidth }),
      set: (target, prop: string, value) => {
        target[prop] = value;
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
    drawMarks(ctx, [
      { kind: "circle", center: { x: 100, y: 50 }, radius: 30, colour: "yellow", width: 10 },
      { kind: "arrow", from: { x: 0, y: 0 }, to: { x: 200, y: 0 }, colour: "red", width: 10 },
    ]);
    const strokes = calls.filter((c) => c.method === "stroke");
    expect(strokes.map((s) => [s.strokeStyle, s.lineWidth])).toEqual([
      [MARK_EDGE, 16],
      [MARK_COLOURS.yellow, 10],
      [MARK_EDGE, 16],
      [MARK_COLOURS.red, 10],
    ]);
    expect(calls.find((c) => c.method === "arc")?.args).toEqual([100, 50, 30, 0, 2 * Math.PI]);
    // The arrow: its shaft to the tip, then the head through the tip.
    const lines = calls.filter((c) => c.method === "lineTo").map((c) => c.args);
    expect(lines[0]).toEqual([200, 0]);
    expect(lines[1]).toEqual([200, 0]);
  });
});

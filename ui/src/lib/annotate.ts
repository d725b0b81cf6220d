// The geometry of marks drawn on a photo (arrows, circles, free lines). Marks are kept in the
// image's own pixels, so they stay put whatever size the photo is shown at; the screen maps
// between the displayed photo and the image with a `View`.

export type Point = { x: number; y: number };
export type Size = { width: number; height: number };

/** Colours that stay visible on a photo in daylight (each drawn over a dark edge). */
export const MARK_COLOURS = { red: "#ff1f1f", yellow: "#ffdd00" } as const;
export type MarkColour = keyof typeof MARK_COLOURS;
/** The dark edge under every mark. */
export const MARK_EDGE = "#0b0c0c";

export const TOOLS = ["arrow", "circle", "freehand"] as const;
export type Tool = (typeof TOOLS)[number];

/** A mark in image pixels; `width` is the line width in image pixels. */
export type Mark =
  | { kind: "arrow"; from: Point; to: Point; colour: MarkColour; width: number }
  | { kind: "circle"; center: Point; radius: number; colour: MarkColour; width: number }
  | { kind: "freehand"; points: Point[]; colour: MarkColour; width: number };

/**
 * Where the image sits in a display box: image pixel × `scale` + offset = display pixel. The
 * image is shown whole ("contain"), centred, with bands at the sides or top and bottom when
 * the box's shape differs.
 */
export type View = { scale: number; offsetX: number; offsetY: number };

export function containView(box: Size, image: Size): View {
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) {
    return { scale: 1, offsetX: 0, offsetY: 0 };
  }
  const scale = Math.min(box.width / image.width, box.height / image.height);
  return {
    scale,
    offsetX: (box.width - image.width * scale) / 2,
    offsetY: (box.height - image.height * scale) / 2,
  };
}

/** A display point (relative to the box's top left) in image pixels. */
export function toImage(p: Point, view: View): Point {
  return { x: (p.x - view.offsetX) / view.scale, y: (p.y - view.offsetY) / view.scale };
}

/** An image point in display pixels. */
export function toDisplay(p: Point, view: View): Point {
  return { x: p.x * view.scale + view.offsetX, y: p.y * view.scale + view.offsetY };
}

/** The point moved inside the image (a drag may leave it). */
export function clampToImage(p: Point, image: Size): Point {
  return {
    x: Math.min(Math.max(p.x, 0), image.width),
    y: Math.min(Math.max(p.y, 0), image.height),
  };
}

/** A line width that reads the same on any photo: about 1/150 of its longest side, at least 3. */
export function lineWidthFor(image: Size): number {
  return Math.max(3, Math.round(Math.max(image.width, image.height) / 150));
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * The two back corners of an arrow head at `to`, pointing away from `from`: each `length`
 * back along the shaft, turned `spread` radians to either side. A head never outgrows its
 * shaft.
 */
export function arrowHead(from: Point, to: Point, length: number, spread = Math.PI / 6): [Point, Point] {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const size = Math.min(length, distance(from, to));
  const corner = (turn: number): Point => ({
    x: to.x - size * Math.cos(angle + turn),
    y: to.y - size * Math.sin(angle + turn),
  });
  return [corner(spread), corner(-spread)];
}

/** An arrow's head length for its line width. */
export function arrowHeadLength(width: number): number {
  return width * 5;
}

/** A circle from a drag: pressed at its centre, released on its edge. */
export function circleFromDrag(start: Point, end: Point): { center: Point; radius: number } {
  return { center: { ...start }, radius: distance(start, end) };
}

/** The mark a drag makes with `tool` (freehand: the points so far). */
export function markFromDrag(
  tool: Tool,
  points: readonly Point[],
  colour: MarkColour,
  width: number,
): Mark {
  const start = points[0] ?? { x: 0, y: 0 };
  const end = points[points.length - 1] ?? start;
  switch (tool) {
    case "arrow":
      return { kind: "arrow", from: { ...start }, to: { ...end }, colour, width };
    case "circle":
      return { kind: "circle", ...circleFromDrag(start, end), colour, width };
    case "freehand":
      return { kind: "freehand", points: points.map((p) => ({ ...p })), colour, width };
  }
}

/** Plain copies of marks (nothing shared with the caller or the screen's state). */
export function cloneMarks(marks: readonly Mark[]): Mark[] {
  return JSON.parse(JSON.stringify(marks)) as Mark[];
}

/** Whether a mark is big enough to keep (a tap or a slip of the finger makes none). */
export function isMeaningful(mark: Mark): boolean {
  const least = mark.width * 2;
  switch (mark.kind) {
    case "arrow":
      return distance(mark.from, mark.to) >= least;
    case "circle":
      return mark.radius >= least;
    case "freehand":
      return mark.points.some((p) => distance(mark.points[0], p) >= least);
  }
}

/** The path of a mark, for its edge and its colour alike. */
function trace(ctx: CanvasRenderingContext2D, mark: Mark): void {
  ctx.beginPath();
  switch (mark.kind) {
    case "arrow": {
      const [left, right] = arrowHead(mark.from, mark.to, arrowHeadLength(mark.width));
      ctx.moveTo(mark.from.x, mark.from.y);
      ctx.lineTo(mark.to.x, mark.to.y);
      ctx.moveTo(left.x, left.y);
      ctx.lineTo(mark.to.x, mark.to.y);
      ctx.lineTo(right.x, right.y);
      break;
    }
    case "circle":
      ctx.arc(mark.center.x, mark.center.y, mark.radius, 0, 2 * Math.PI);
      break;
    case "freehand":
      mark.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      break;
  }
}

/** Draws the marks on a context whose transform maps image pixels to its own. */
export function drawMarks(ctx: CanvasRenderingContext2D, marks: readonly Mark[]): void {
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  for (const mark of marks) {
    trace(ctx, mark);
    ctx.strokeStyle = MARK_EDGE;
    ctx.lineWidth = mark.width * 1.6;
    ctx.stroke();
    ctx.strokeStyle = MARK_COLOURS[mark.colour];
    ctx.lineWidth = mark.width;
    ctx.stroke();
  }
}

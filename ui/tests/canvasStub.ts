// jsdom has no canvas (the `canvas` package needs a native build that fails here). This
// stand-in 2D context records every call, so a test can see what was drawn, and the canvas
// gives a real (1×1) PNG or JPEG when asked for its image.
import { dataUrlToBytes } from "../src/lib/canvasBytes";

/** A 1×1 PNG and a 1×1 JPEG: real files (their first bytes are the formats' signatures). */
export const TINY_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQAAAAA3bvkkAAAACklEQVQI12NoAAAAggCB3UNq9AAAAABJRU5ErkJggg==";
export const TINY_JPEG =
  "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AQH//2Q==";

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

export type CanvasCall = { canvas: HTMLCanvasElement; method: string; args: unknown[] };

function recordingContext(canvas: HTMLCanvasElement, calls: CanvasCall[]): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  return new Proxy(state, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === "then" || typeof prop === "symbol") return undefined;
      if (prop === "measureText") return (text: string) => ({ width: 10 * text.length });
      return (...args: unknown[]) => {
        calls.push({ canvas, method: prop, args });
      };
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/** Installs the stand-in on every canvas; `restore` puts jsdom's back. */
export function installCanvasStub(): { calls: CanvasCall[]; restore: () => void } {
  const proto = HTMLCanvasElement.prototype;
  const original = { getContext: proto.getContext, toDataURL: proto.toDataURL, toBlob: proto.toBlob };
  const calls: CanvasCall[] = [];
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  proto.getContext = function (this: HTMLCanvasElement) {
    let ctx = contexts.get(this);
    if (!ctx) {
      ctx = recordingContext(this, calls);
      contexts.set(this, ctx);
    }
    return ctx;
  } as unknown as typeof proto.getContext;
  proto.toDataURL = function (type?: string) {
    return type === "image/jpeg" ? TINY_JPEG : TINY_PNG;
  };
  proto.toBlob = function (this: HTMLCanvasElement, done: BlobCallback, type?: string) {
    const kind = type === "image/jpeg" ? "image/jpeg" : "image/png";
    const bytes = dataUrlToBytes(this.toDataURL(kind));
    setTimeout(() => done(new Blob([bytes as BlobPart], { type: kind })), 0);
  };
  return {
    calls,
    restore: () => Object.assign(proto, original),
  };
}

/**
 * Every canvas is laid out in `box` (jsdom lays out nothing); change `box` and the next
 * measurement sees it. `restore` puts jsdom's zero-sized layout back.
 */
export function layOutCanvases(initial: { width: number; height: number; left?: number; top?: number }): {
  box: { width: number; height: number; left: number; top: number };
  restore: () => void;
} {
  const proto = HTMLCanvasElement.prototype;
  const original = proto.getBoundingClientRect;
  const box = { left: 0, top: 0, ...initial };
  proto.getBoundingClientRect = function () {
    const { width, height, left, top } = box;
    return { width, height, left, top, x: left, y: top, right: left + width, bottom: top + height, toJSON: () => ({}) };
  };
  return { box, restore: () => (proto.getBoundingClientRect = original) };
}

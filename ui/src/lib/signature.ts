// The signature pad's data: who may sign, and keeping the drawn strokes when the pad changes
// size (signature_pad's point groups are in the canvas's CSS pixels).
import type { PointGroup } from "signature_pad";

/** Who signs. The back end's `SignerRole` has the first three; a technician may sign too. */
export const SIGNATURE_ROLES = ["resident", "representative", "caregiver", "technician"] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

export type Size = { width: number; height: number };

/** What a signature hands over; `strokes` are in the CSS pixels of a `width` × `height` pad. */
export type SignatureResult = {
  name: string;
  role: SignatureRole;
  /** signature_pad's `toData()`: one group of points `{x, y, pressure, time}` per stroke. */
  strokes: PointGroup[];
  /** The drawn signature as a PNG file (white background, at the screen's pixel ratio). */
  png: Uint8Array;
  width: number;
  height: number;
};

/**
 * How much the strokes are scaled when the pad goes from `before` to `after`: uniformly (a
 * signature is never stretched), so that what fitted the old pad fits the new one. A pad that
 * only grows wider keeps its strokes as they are.
 */
export function fitFactor(before: Size, after: Size): number {
  if (before.width <= 0 || before.height <= 0 || after.width <= 0 || after.height <= 0) return 1;
  return Math.min(after.width / before.width, after.height / before.height);
}

/** A copy of the strokes scaled by `factor` (positions and pen widths); 1 returns a plain copy. */
export function scaleStrokes(groups: readonly PointGroup[], factor: number): PointGroup[] {
  return groups.map((group) => ({
    ...group,
    dotSize: group.dotSize * factor,
    minWidth: group.minWidth * factor,
    maxWidth: group.maxWidth * factor,
    points: group.points.map((p) => ({ ...p, x: p.x * factor, y: p.y * factor })),
  }));
}

/** Strokes as plain JSON data (what `onsave` hands over: nothing shared with the pad). */
export function plainStrokes(groups: readonly PointGroup[]): PointGroup[] {
  return JSON.parse(JSON.stringify(groups)) as PointGroup[];
}

const drawnIds = new Map<string, string>();

/**
 * The record id of a drawn signature: the same drawing by the same signer keeps its id, so a
 * save tried again after an error is the same record (the back end stores it once) rather
 * than a second signature. `makeId` gives a new id for a new drawing.
 */
export function signatureId(sig: SignatureResult, purpose: string, makeId: () => string): string {
  const key = JSON.stringify([purpose, sig.name.trim(), sig.role, sig.strokes]);
  let id = drawnIds.get(key);
  if (!id) {
    id = makeId();
    drawnIds.set(key, id);
  }
  return id;
}

import { describe, expect, it } from "vitest";
import { signatureId, type SignatureResult } from "../src/lib/signature";

function drawn(x: number, name = "Anna de Vries"): SignatureResult {
  return {
    name,
    role: "resident",
    strokes: [{ points: [{ x, y: 2, pressure: 0.5, time: 1 }] } as never],
    png: new Uint8Array([1, 2, 3]),
    width: 600,
    height: 200,
  };
}

describe("signatureId", () => {
  it("keeps the id of a drawing saved again after an error, and gives a new drawing a new one", () => {
    let n = 0;
    const make = () => `id-${++n}`;
    const first = signatureId(drawn(1), "sign_off", make);
    expect(signatureId(drawn(1), "sign_off", make)).toBe(first);
    expect(signatureId(drawn(1, " Anna de Vries "), "sign_off", make)).toBe(first);
    expect(signatureId(drawn(2), "sign_off", make)).not.toBe(first);
    expect(signatureId(drawn(1, "Piet"), "sign_off", make)).not.toBe(first);
    expect(signatureId(drawn(1), "agreement", make)).not.toBe(first);
  });
});

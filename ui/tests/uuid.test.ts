import { describe, expect, it } from "vitest";
import { uuidv7 } from "../src/lib/uuid";
import { UUID_V7 } from "./fixtures";

describe("uuidv7", () => {
  it("has the UUID format with version 7 and the RFC 9562 variant", () => {
    for (let i = 0; i < 200; i += 1) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
      const hex = id.replaceAll("-", "");
      expect(parseInt(hex[12], 16)).toBe(7);
      expect(parseInt(hex[16], 16) >> 2).toBe(0b10);
    }
  });

  it("keeps the version and variant bits whatever the random bytes are", () => {
    const ones = uuidv7(0, (bytes) => bytes.fill(0xff));
    expect(ones).toBe("00000000-0000-7fff-bfff-ffffffffffff");
    const zeros = uuidv7(0, (bytes) => bytes.fill(0));
    expect(zeros).toBe("00000000-0000-7000-8000-000000000000");
  });

  it("starts with the 48-bit unix time in milliseconds", () => {
    const ms = Date.UTC(2026, 2, 30, 7, 0, 0, 123);
    const id = uuidv7(ms);
    expect(parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(ms);
    expect(uuidv7(2 ** 48 - 1, (b) => b.fill(0)).slice(0, 13)).toBe("ffffffff-ffff");
  });

  it("sorts by time: a later millisecond gives a larger id", () => {
    const base = Date.UTC(2026, 0, 1);
    const ids = [0, 1, 2, 1000, 86_400_000, 10 ** 10].map((d) => uuidv7(base + d));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7(base + 1, (b) => b.fill(0)) > uuidv7(base, (b) => b.fill(0xff))).toBe(true);
  });

  it("differs between calls in the same millisecond", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

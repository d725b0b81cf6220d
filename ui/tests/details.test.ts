import { describe, expect, it } from "vitest";
import { detailPairs } from "../src/lib/details";

const words = { yes: "ja", no: "nee" };

describe("logbook details", () => {
  it("turns a JSON object into key: value pairs", () => {
    expect(
      detailPairs(
        '{"result":"ok","driving_lesson":true,"urgent":false,"qty":2,"missing":null,' +
          '"sign_off":{"by":"resident","name":"K. Öztürk"},' +
          '"parts":[{"number":"BD-2016","qty":1},{"number":"X-1","qty":2}],"tags":["a","b"]}',
        words,
      ),
    ).toEqual({
      kind: "pairs",
      pairs: [
        ["result", "ok"],
        ["driving_lesson", "ja"],
        ["urgent", "nee"],
        ["qty", "2"],
        ["missing", "–"],
        ["sign_off", "by: resident, name: K. Öztürk"],
        ["parts", "number: BD-2016, qty: 1; number: X-1, qty: 2"],
        ["tags", "a, b"],
      ],
    });
  });

  it("says choices in words in the UI's language, and does not show the labels themselves", () => {
    const json = JSON.stringify({
      inspection_kind: "periodic",
      outcome: "approved_with_remarks",
      sticker: "K-1",
      labels: {
        inspection_kind: { nl: "Periodieke keuring", en: "Periodic inspection" },
        outcome: { nl: "Goedgekeurd met opmerkingen", en: "Approved with remarks" },
      },
    });
    expect(detailPairs(json, words, "nl")).toEqual({
      kind: "pairs",
      pairs: [
        ["inspection_kind", "Periodieke keuring"],
        ["outcome", "Goedgekeurd met opmerkingen"],
        ["sticker", "K-1"],
      ],
    });
    const en = detailPairs(json, words, "en");
    expect(en.kind === "pairs" && en.pairs[1]).toEqual(["outcome", "Approved with remarks"]);
  });

  it("shows nothing for empty details and the text for anything else", () => {
    expect(detailPairs("{}", words)).toEqual({ kind: "none" });
    expect(detailPairs("", words)).toEqual({ kind: "none" });
    expect(detailPairs("not json", words)).toEqual({ kind: "text", text: "not json" });
    expect(detailPairs("[1,2]", words).kind).toBe("text");
  });
});

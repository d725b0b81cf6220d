// axe-core over what a component test rendered: the serious and critical violations, as
// readable lines (rule, impact, the elements). jsdom has no layout, so the rules that need one
// (colour contrast, target size) are off here; the end-to-end tests run axe in the real window.
import axe from "axe-core";

const OFF_IN_JSDOM = {
  "color-contrast": { enabled: false },
  "color-contrast-enhanced": { enabled: false },
  "scrollable-region-focusable": { enabled: false },
  "target-size": { enabled: false },
};

/**
 * jsdom has no canvas. axe draws text on one only to tell an icon-font ligature (a glyph
 * standing for a word) from real text; the app uses no icon font, so while axe runs a
 * stand-in answers "every glyph is text" (each character one full 30 px cell). Without it,
 * `label-content-name-mismatch` (visible text inside the accessible name) errors out and is
 * skipped.
 */
function textOnlyCanvas(): () => void {
  const proto = HTMLCanvasElement.prototype;
  const original = proto.getContext;
  const stand_in = function (this: HTMLCanvasElement) {
    const canvas = this;
    return {
      canvas,
      font: "",
      textAlign: "left",
      textBaseline: "top",
      measureText: (text: string) => ({ width: 30 * [...text].length }),
      fillText: () => undefined,
      clearRect: () => undefined,
      getImageData: (_x: number, _y: number, w: number, h: number) => ({
        data: new Uint8ClampedArray(Math.max(1, Math.ceil(w) * Math.ceil(h) * 4)).fill(255),
      }),
    };
  };
  proto.getContext = stand_in as unknown as typeof proto.getContext;
  return () => {
    proto.getContext = original;
  };
}

/** The serious and critical violations in `root` (default: the whole document). */
export async function seriousViolations(root: Element = document.body): Promise<string[]> {
  const restore = textOnlyCanvas();
  try {
    const results = await axe.run(root, {
      rules: OFF_IN_JSDOM,
      resultTypes: ["violations"],
    });
    const errors = results.incomplete.filter((r) => r.nodes.some((n) => n.none.some((c) => c.id === "error-occurred")));
    return [
      ...results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html).join(" | ")}`),
      // a rule that could not run is not a pass
      ...errors.map((r) => `${r.id}: axe could not run this rule here`),
    ];
  } finally {
    restore();
  }
}

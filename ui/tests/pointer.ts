// Drawing with a pointer in jsdom: a press, moves and a release, as the browser sends them
// (bubbling, so listeners on the window hear them too).

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(target: Element, type: string, [x, y]: readonly [number, number], pressed: boolean, id: number): void {
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX: x,
      clientY: y,
      buttons: pressed ? 1 : 0,
      button: 0,
      pointerId: id,
      pointerType: "pen",
      pressure: pressed ? 0.5 : 0,
      bubbles: true,
      cancelable: true,
    }),
  );
}

/**
 * One stroke through `points` (client pixels). `gapMs` between moves: signature_pad takes at
 * most one move per 16 ms.
 */
export async function stroke(
  target: Element,
  points: readonly (readonly [number, number])[],
  { gapMs = 20, pointerId = 1 }: { gapMs?: number; pointerId?: number } = {},
): Promise<void> {
  const [first, ...rest] = points;
  send(target, "pointerdown", first, true, pointerId);
  for (const point of rest.slice(0, -1)) {
    if (gapMs > 0) await wait(gapMs);
    send(target, "pointermove", point, true, pointerId);
  }
  if (gapMs > 0) await wait(gapMs);
  send(target, "pointerup", rest[rest.length - 1] ?? first, false, pointerId);
}

// Images made on a canvas (a signature, a camera frame, an annotated photo) leave the UI as
// bytes: the back end stores blobs, never data URLs.

/** The bytes of a `data:` URL (base64 or percent-encoded). Throws on anything else. */
export function dataUrlToBytes(url: string): Uint8Array {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new Error("not a data URL");
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  if (!meta.endsWith(";base64")) return new TextEncoder().encode(decodeURIComponent(body));
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The canvas as an image file (`toBlob`; rejects when the browser gives none). */
export function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no image"))),
      type,
      quality,
    );
  });
}

/** A Blob's bytes. */
export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

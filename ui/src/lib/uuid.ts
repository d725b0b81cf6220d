// UUIDv7 (RFC 9562): ids the client makes for records it creates, so a retried request carries
// the same id and the back end answers with what it stored instead of recording twice.

type Fill = (bytes: Uint8Array<ArrayBuffer>) => void;

const fillRandom: Fill = (bytes) => {
  crypto.getRandomValues(bytes);
};

/** 48-bit unix time in ms, version 7, variant 10, the other 74 bits random. */
export function uuidv7(now: number = Date.now(), random: Fill = fillRandom): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  let ms = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

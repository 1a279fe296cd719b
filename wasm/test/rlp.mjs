// A small RLP encoder and decoder for building the Node tests' inputs (test code, not the
// implementation under test: that is core's, in the wasm module).

function lengthPrefix(offset, length) {
  if (length < 56) return Uint8Array.of(offset + length);
  const be = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) be.unshift(n % 256);
  return Uint8Array.of(offset + 55 + be.length, ...be);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Encodes a Uint8Array (string) or an array of encodable items (list).
export function encode(item) {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0] < 0x80) return item;
    return concat([lengthPrefix(0x80, item.length), item]);
  }
  const payload = concat(item.map(encode));
  return concat([lengthPrefix(0xc0, payload.length), payload]);
}

// Minimal big-endian bytes of a non-negative BigInt (empty for zero): an RLP integer's payload.
export function bigEndian(n) {
  const bytes = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return Uint8Array.from(bytes);
}

// Decodes one item (trusting its input: test data only). Returns [item, rest].
export function decode(bytes) {
  const b = bytes[0];
  if (b < 0x80) return [bytes.subarray(0, 1), bytes.subarray(1)];
  const list = b >= 0xc0;
  const short = b - (list ? 0xc0 : 0x80);
  let start = 1;
  let length = short;
  if (short >= 56) {
    start = 1 + short - 55;
    length = 0;
    for (let i = 1; i < start; i++) length = length * 256 + bytes[i];
  }
  const payload = bytes.subarray(start, start + length);
  const rest = bytes.subarray(start + length);
  if (!list) return [payload, rest];
  const items = [];
  for (let p = payload; p.length > 0;) {
    const [child, after] = decode(p);
    items.push(child);
    p = after;
  }
  return [items, rest];
}

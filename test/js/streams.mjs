// Stream helpers shared by the js test peers: the deterministic payload (the same xorshift as
// kitsunet's p2p::testing::pattern) and whole-stream send/receive with backpressure.

export function pattern (n, seed) {
  const out = new Uint8Array(n)
  let x = (seed * 2654435761 + 1) >>> 0
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0
    out[i] = x & 255
  }
  return out
}

// Sends `data` in 64 KiB messages, waiting for drain when the stream asks to.
export async function sendAll (stream, data) {
  for (let at = 0; at < data.length; at += 65536) {
    if (!stream.send(data.subarray(at, Math.min(at + 65536, data.length)))) await stream.onDrain()
  }
}

// Everything the stream delivers until its end, as one Buffer.
export async function readAll (stream) {
  const parts = []
  let n = 0
  for await (const chunk of stream) { const c = chunk.subarray(); parts.push(c); n += c.length }
  return Buffer.concat(parts, n)
}

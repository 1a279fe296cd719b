// The js-libp2p side of `bench/run identity`: ns per operation of the hot identity and
// multiformats paths in @multiformats/multiaddr 13, @libp2p/peer-id 6 and @libp2p/crypto 5.
// Prints one JSON line {name: ns_per_op} (one trial; the C++ harness alternates trials).
// Run from test/js: node --import ./polyfill.mjs ../../bench/identity_js.mjs N ADDR_TEXT PEER_ID
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(path.join(process.cwd(), 'node_modules') + '/')
const { multiaddr } = await import(require.resolve('@multiformats/multiaddr'))
const { peerIdFromString } = await import(require.resolve('@libp2p/peer-id'))
const keys = await import(require.resolve('@libp2p/crypto/keys'))
const { base58btc } = await import(require.resolve('multiformats/bases/base58'))

const [n, addrText, peerIdText] = [Number(process.argv[2]), process.argv[3], process.argv[4]]
const addrBytes = multiaddr(addrText).bytes
const idBytes = peerIdFromString(peerIdText).toMultihash().bytes
const key = await keys.generateKeyPair('Ed25519')
const message = new Uint8Array(256).fill(7)
const signature = await key.sign(message)

let sink = 0
const time = async (ops, fn) => {
  for (let i = 0; i < Math.min(ops, 1000); i++) sink += await fn(i)  // warm-up
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < ops; i++) sink += await fn(i)
  return Number(process.hrtime.bigint() - t0) / ops
}

const out = {
  multiaddr_from_text: await time(n, () => multiaddr(addrText).bytes.length),
  multiaddr_from_bytes: await time(n, () => multiaddr(addrBytes).toString().length),
  peer_id_from_text: await time(n, () => peerIdFromString(peerIdText).type.length),
  peer_id_to_text: await time(n, () => base58btc.baseEncode(idBytes).length),
  ed25519_sign: await time(n / 20, async () => (await key.sign(message)).length),
  ed25519_verify: await time(n / 20, async () => ((await key.publicKey.verify(message, signature)) ? 1 : 0))
}
if (sink === 0.5) console.error('')  // keep the work observable
process.stdout.write(JSON.stringify(out) + '\n')

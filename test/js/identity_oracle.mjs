// Differential oracle for kitsunet's p2p identity and multiformats: @libp2p/crypto,
// @libp2p/peer-id and @multiformats/multiaddr as the reference implementations.
// Reads one JSON job on stdin (every field optional; hex without 0x):
//   { "generate":  [{ "type": "Ed25519"|"secp256k1"|"RSA", "message": hex }],
//         // js makes a key and signs → { "private": hex, "public": hex, "peerId": text, "cid": text, "signature": hex }
//     "verify":    [{ "public": hex, "message": hex, "signature": hex }],   // → true | false | { "error" }
//     "peerIds":   [publicKeyProtobufHex],   // → { "peerId": text, "cid": text, "bytes": hex } | { "error" }
//     "parsePeerIds": [text],                // → { "bytes": hex } | { "error" }
//     "multiaddrText":  [text],              // → { "bytes": hex, "text": text } | { "error" }
//     "multiaddrBytes": [hex] }              // → { "bytes": hex, "text": text } | { "error" }
// Prints one JSON line with the results under the same keys.
// Run: node --import ./polyfill.mjs identity_oracle.mjs < job.json
import {
  generateKeyPair, privateKeyToProtobuf, publicKeyToProtobuf, publicKeyFromProtobuf
} from '@libp2p/crypto/keys'
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const fromHex = (h) => Uint8Array.from(Buffer.from(h, 'hex'))
const toHex = (u) => Buffer.from(u).toString('hex')

const readStdin = async () => {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const guarded = async (fn) => {
  try {
    return await fn()
  } catch (e) {
    return { error: String(e.message ?? e) }
  }
}

const generate = async ({ type, message }) => {
  const key = await generateKeyPair(type)
  const id = peerIdFromPublicKey(key.publicKey)
  return {
    private: toHex(privateKeyToProtobuf(key)),
    public: toHex(publicKeyToProtobuf(key.publicKey)),
    peerId: id.toString(),
    cid: id.toCID().toString(),
    signature: toHex(await key.sign(fromHex(message)))
  }
}

const verify = ({ public: pub, message, signature }) =>
  guarded(async () => await publicKeyFromProtobuf(fromHex(pub)).verify(fromHex(message), fromHex(signature)))

const peerId = (pub) => guarded(() => {
  const id = peerIdFromPublicKey(publicKeyFromProtobuf(fromHex(pub)))
  return { peerId: id.toString(), cid: id.toCID().toString(), bytes: toHex(id.toMultihash().bytes) }
})

const parsePeerId = (text) => guarded(() => ({ bytes: toHex(peerIdFromString(text).toMultihash().bytes) }))

const parseMultiaddr = (input) => guarded(() => {
  const m = multiaddr(input)
  return { bytes: toHex(m.bytes), text: m.toString() }
})

const job = await readStdin()
const out = {}
const each = async (name, list, fn) => {
  if (list === undefined) return
  out[name] = []
  for (const item of list) out[name].push(await fn(item))
}
await each('generate', job.generate, generate)
await each('verify', job.verify, verify)
await each('peerIds', job.peerIds, peerId)
await each('parsePeerIds', job.parsePeerIds, parsePeerId)
await each('multiaddrText', job.multiaddrText, parseMultiaddr)
await each('multiaddrBytes', job.multiaddrBytes, (h) => parseMultiaddr(fromHex(h)))
process.stdout.write(JSON.stringify(out) + '\n')

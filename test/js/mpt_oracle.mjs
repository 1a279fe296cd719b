// Differential oracle for kitsunet's trie: @ethereumjs/mpt as the reference implementation.
// Reads one JSON job on stdin:
//   { "entries": [[keyHex, valueHex], ...],   // put in this order into a fresh (non-secure) trie
//     "prove":   [keyHex, ...],              // keys to prove with createMerkleProof
//     "verify":  [{ "root": hex, "key": hex, "proof": [hex, ...] }, ...] }  // via verifyMerkleProof
// Prints one JSON line: { "root": hex, "proofs": [[hex, ...], ...],
//   "verified": [{ "value": hex } | { "value": null } | { "error": message }, ...] }
// Hex strings carry no 0x prefix. Run: node --import ./polyfill.mjs mpt_oracle.mjs < job.json
import { createMPT, createMerkleProof, verifyMerkleProof } from '@ethereumjs/mpt'

const fromHex = (h) => Uint8Array.from(Buffer.from(h, 'hex'))
const toHex = (u) => Buffer.from(u).toString('hex')

const readStdin = async () => {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const verifyOne = async ({ root, key, proof }) => {
  try {
    const value = await verifyMerkleProof(fromHex(key), proof.map(fromHex), { root: fromHex(root) })
    return { value: value === null ? null : toHex(value) }
  } catch (e) {
    return { error: String(e.message ?? e) }
  }
}

const job = await readStdin()
const trie = await createMPT()
for (const [k, v] of job.entries ?? []) await trie.put(fromHex(k), fromHex(v))
const proofs = []
for (const k of job.prove ?? []) proofs.push((await createMerkleProof(trie, fromHex(k))).map(toHex))
const verified = []
for (const v of job.verify ?? []) verified.push(await verifyOne(v))
process.stdout.write(JSON.stringify({ root: toHex(trie.root()), proofs, verified }) + '\n')

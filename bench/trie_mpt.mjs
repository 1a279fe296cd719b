// The @ethereumjs/mpt side of `bench/run trie`: (a) N random 32-byte keys with 70-byte values,
// puts then root(); (b) the mainnet genesis state root from the alloc file (parse not timed).
// Prints one JSON line: { random_ms, random_wall_ms, genesis_ms, genesis_root_ok } (medians of TRIALS runs).
// Run from test/js: node --import ./polyfill.mjs ../../bench/trie_mpt.mjs TRIALS N ALLOC_FILE
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(path.join(process.cwd(), 'node_modules') + '/')
const { createMPT } = require('@ethereumjs/mpt')
const { RLP } = require('@ethereumjs/rlp')
const { keccak256 } = require('ethereum-cryptography/keccak.js')

const [trials, n] = [Number(process.argv[2] ?? 3), Number(process.argv[3] ?? 100000)]
const allocFile = process.argv[4]
// CPU time of this process (user + system, GC threads included), in ms: the machine is shared,
// so wall time would count the neighbours (the C++ side measures its CPU time too).
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const EMPTY_ROOT = Buffer.from('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421', 'hex')
const EMPTY_CODE = Buffer.from('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470', 'hex')

const randomRun = async () => {
  const keys = Array.from({ length: n }, () => randomBytes(32))
  const values = Array.from({ length: n }, () => randomBytes(70))
  const trie = await createMPT()
  const [t0, w0] = [cpuMs(), performance.now()]
  for (let i = 0; i < n; i++) await trie.put(keys[i], values[i])
  trie.root()
  wall.push(performance.now() - w0)
  return cpuMs() - t0
}

const balanceBytes = (hex) => {
  let h = BigInt(hex).toString(16)
  if (h === '0') return new Uint8Array(0)
  if (h.length % 2) h = '0' + h
  return Buffer.from(h, 'hex')
}

const genesisRun = async (alloc) => {
  const t0 = cpuMs()
  const trie = await createMPT()
  for (const [address, balance] of Object.entries(alloc)) {
    const account = RLP.encode([new Uint8Array(0), balanceBytes(balance), EMPTY_ROOT, EMPTY_CODE])
    await trie.put(keccak256(Buffer.from(address.slice(2), 'hex')), account)
  }
  const root = Buffer.from(trie.root()).toString('hex')
  return [cpuMs() - t0, root]
}

const wall = []
const random = []
for (let t = 0; t < trials; t++) random.push(await randomRun())
const genesis = []
let root = ''
if (allocFile) {
  const alloc = JSON.parse(fs.readFileSync(allocFile))
  for (let t = 0; t < trials; t++) {
    const [ms, r] = await genesisRun(alloc)
    genesis.push(ms)
    root = r
  }
}
console.log(JSON.stringify({
  random_ms: median(random),
  random_wall_ms: median(wall),
  genesis_ms: allocFile ? median(genesis) : 0,
  genesis_root_ok: root === 'd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544',
}))

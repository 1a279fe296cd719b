// A js-libp2p 3.x peer speaking /perf/1.0.0 (libp2p/specs perf/perf.md) over TCP + Noise + Yamux,
// for kitsunet's p2p benchmark (bench/p2p.cpp). (@libp2p/perf is not on the npm registry here, so
// the protocol is written out: it is 8 bytes of header and a byte count.)
// usage: node --import ./polyfill.mjs perf_peer.mjs server
//          -> prints {"addr": "<multiaddr with /p2p>"}, serves until SIGTERM
//        node --import ./polyfill.mjs perf_peer.mjs client <multiaddr> <upload bytes> <runs>
//          -> prints {"run": i, "bytes": n, "seconds": s, "cpu_seconds": c} per run (c: this
//             process's CPU time during the run), then {"done": true}
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'

const PERF = '/perf/1.0.0'
const BLOCK = 64 * 1024
const [mode, addr, uploadS = '0', runsS = '1'] = process.argv.slice(2)
const print = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const makeNode = (listen) => createLibp2p({
  addresses: { listen: listen ? ['/ip4/127.0.0.1/tcp/0'] : [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping() },
  // The benchmark opens hundreds of connections from one address: lift js-libp2p's rate limits.
  connectionManager: { maxConnections: 5000, inboundConnectionThreshold: 100000, maxIncomingPendingConnections: 1000 }
})

async function sendBytes (stream, count) {
  const block = new Uint8Array(BLOCK).fill(0x5a)
  for (let left = count; left > 0; left -= BLOCK) {
    const chunk = left >= BLOCK ? block : block.subarray(0, left)
    if (!stream.send(chunk)) await stream.onDrain()
  }
}

async function serve (stream) {
  let header = new Uint8Array(0)
  let received = 0
  for await (const chunk of stream) {
    const bytes = chunk.subarray()
    if (header.length < 8) {
      const need = 8 - header.length
      header = Buffer.concat([header, bytes.subarray(0, need)])
      received += Math.max(0, bytes.length - need)
    } else {
      received += bytes.length
    }
  }
  const download = Number(Buffer.from(header).readBigUInt64BE(0))
  await sendBytes(stream, download)
  await stream.close()
  return received
}

async function runClient (target, upload, runs) {
  const node = await makeNode(false)
  const conn = await node.dial(multiaddr(target))
  for (let i = 0; i < runs; i++) {
    const stream = await conn.newStream(PERF)
    const cpu0 = process.cpuUsage()
    const start = performance.now()
    const header = new Uint8Array(8)  // download nothing: an upload measurement
    stream.send(header)
    const drained = (async () => { for await (const chunk of stream) void chunk })()
    await sendBytes(stream, upload)
    await stream.close()
    await drained
    const cpu = process.cpuUsage(cpu0)
    print({ run: i, bytes: upload, seconds: (performance.now() - start) / 1000, cpu_seconds: (cpu.user + cpu.system) / 1e6 })
  }
  await node.stop()
  print({ done: true })
}

if (mode === 'server') {
  const node = await makeNode(true)
  await node.handle(PERF, async (stream) => { await serve(stream) }, { maxInboundStreams: 64 })
  print({ addr: node.getMultiaddrs()[0].toString() })
  process.on('SIGTERM', async () => { await node.stop(); process.exit(0) })
} else if (mode === 'client') {
  await runClient(addr, Number(uploadS), Number(runsS))
  process.exit(0)
} else {
  console.error('usage: perf_peer.mjs server | client <addr> <bytes> <runs>')
  process.exit(2)
}

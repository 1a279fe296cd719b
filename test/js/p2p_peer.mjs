// A js-libp2p 3.x peer (TCP, Noise, Yamux or mplex, identify, ping) driven over stdin/stdout:
// the interop partner of kitsunet's host tests (kitsunet/p2p/host/interop_test.cpp).
// usage: node --import ./polyfill.mjs p2p_peer.mjs [--muxer yamux|mplex] [--no-listen]
// Prints one JSON object per line on stdout: first {"event":"ready","id":...,"addrs":[...]},
// then one answer per command. Commands (one JSON object per line on stdin):
//   {"cmd":"dial","addr":A}                          -> {"event":"dialed","peer":P,"muxer":M}
//   {"cmd":"peer","peer":P}                          -> {"event":"peer","protocols":[..],"addrs":[..],"agent":S}
//                                                       (waits until identify has run)
//   {"cmd":"ping","peer":P,"count":N}                -> {"event":"ping","rtts":[ms,...]}
//   {"cmd":"echo","peer":P,"bytes":N,"streams":K}    -> {"event":"echo","ok":true|false,"error":..}
//   {"cmd":"abort","peer":P,"bytes":N}               -> {"event":"aborted"} (sends N bytes on an echo
//                                                       stream, then resets it)
//   {"cmd":"hangup","peer":P}                        -> {"event":"hungup"} (closes every connection)
//   {"cmd":"quit"}                                   -> stops the node and exits 0
// It serves /kitsunet/test/echo/1.0.0 (echo until the writer closes), and
// /kitsunet/test/source/1.0.0: reads an 8-byte request (u32 count, u32 mode) then sends `count`
// pattern bytes and closes (mode 0) or resets the stream (mode 1).
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import readline from 'node:readline'
import { pattern, sendAll, readAll } from './streams.mjs'

const ECHO = '/kitsunet/test/echo/1.0.0'
const SOURCE = '/kitsunet/test/source/1.0.0'
const args = process.argv.slice(2)
const muxer = args.includes('--muxer') ? args[args.indexOf('--muxer') + 1] : 'yamux'
const listen = !args.includes('--no-listen')
const print = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const node = await createLibp2p({
  addresses: { listen: listen ? ['/ip4/127.0.0.1/tcp/0'] : [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [muxer === 'mplex' ? mplex() : yamux()],
  services: { identify: identify(), ping: ping() },
  connectionManager: { maxConnections: 1000 }
})

await node.handle(ECHO, async (stream) => {
  try {
    for await (const chunk of stream) {
      if (!stream.send(chunk)) await stream.onDrain()
    }
    await stream.close()
  } catch (err) { stream.abort(err) }
}, { maxInboundStreams: 512, maxOutboundStreams: 512 })

await node.handle(SOURCE, async (stream) => {
  const head = []
  let have = 0
  for await (const chunk of stream) {
    head.push(chunk.subarray()); have += chunk.byteLength
    if (have >= 8) break
  }
  const req = Buffer.concat(head)
  const count = req.readUInt32BE(0), mode = req.readUInt32BE(4)
  await sendAll(stream, pattern(count, 7))
  if (mode === 1) stream.abort(new Error('source: reset on purpose'))
  else await stream.close()
})

async function echo (peer, bytes, streams) {
  const conn = (await node.getConnections(peer))[0] ?? await node.dial(peer)
  await Promise.all(Array.from({ length: streams }, async (_, i) => {
    const data = pattern(bytes, 100 + i)
    const stream = await conn.newStream(ECHO, { maxOutboundStreams: 512 })
    const [, echoed] = await Promise.all([sendAll(stream, data).then(() => stream.close()), readAll(stream)])
    if (Buffer.compare(echoed, Buffer.from(data)) !== 0) throw new Error(`stream ${i}: echo differs (${echoed.length} of ${bytes} bytes)`)
  }))
}

async function peerInfo (peer) {
  for (let i = 0; i < 100; i++) {
    try {
      const p = await node.peerStore.get(peer)
      // The agent is stored by identify; protocols alone may come from a negotiated stream first.
      const agent = p.metadata.get('AgentVersion')
      if (agent) {
        return { protocols: p.protocols, addrs: p.addresses.map(a => a.multiaddr.toString()), agent: new TextDecoder().decode(agent) }
      }
    } catch {}
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error('identify did not complete')
}

const commands = {
  async dial ({ addr }) {
    const conn = await node.dial(multiaddr(addr))
    return { event: 'dialed', peer: conn.remotePeer.toString(), muxer: conn.multiplexer }
  },
  async peer ({ peer }) { return { event: 'peer', ...(await peerInfo(peerIdFromString(peer))) } },
  async ping ({ peer, count = 1 }) {
    const rtts = []
    for (let i = 0; i < count; i++) rtts.push(await node.services.ping.ping(peerIdFromString(peer)))
    return { event: 'ping', rtts }
  },
  async echo ({ peer, bytes, streams = 1 }) {
    try {
      await echo(peerIdFromString(peer), bytes, streams)
      return { event: 'echo', ok: true }
    } catch (err) { return { event: 'echo', ok: false, error: err.message } }
  },
  async abort ({ peer, bytes }) {
    const stream = await node.dialProtocol(peerIdFromString(peer), ECHO)
    await sendAll(stream, pattern(bytes, 3))
    stream.abort(new Error('abort on purpose'))
    return { event: 'aborted' }
  },
  async hangup ({ peer }) {
    await node.hangUp(peerIdFromString(peer))
    return { event: 'hungup' }
  },
  async quit () {
    await node.stop()
    process.exit(0)
  }
}

print({ event: 'ready', id: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })
const lines = readline.createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  let cmd
  try {
    cmd = JSON.parse(line)
    print(await commands[cmd.cmd](cmd))
  } catch (err) {
    print({ event: 'error', cmd: cmd?.cmd, error: err.message })
  }
})
lines.on('close', async () => { await node.stop(); process.exit(0) })
process.on('SIGTERM', async () => { await node.stop(); process.exit(0) })

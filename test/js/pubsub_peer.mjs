// A js-libp2p pubsub peer (tcp + noise + yamux + identify, and @libp2p/gossipsub or
// @libp2p/floodsub) for kitsunet's interop tests and the pubsub benchmark, driven by JSON lines.
//   node --import ./polyfill.mjs pubsub_peer.mjs [--router gossipsub|floodsub] [--topic T]...
//        [--quiet] [--score-topic T] [--port N]
// stdout events (one JSON object per line):
//   {"event":"ready","peerId":…,"addrs":[…]}
//   {"event":"message","topic":…,"from":…,"seqno":hex,"data":hex}   (not with --quiet)
//   {"event":"dialed","ok":true|false,"error":…}  {"event":"published","recipients":n} | {"event":"error",…}
//   {"event":"info","peers":[…],"subscribers":[…],"mesh":[…],"scores":{peer: score}}
//   {"event":"collected","tag":n,"data":[seq, latency_us, …]}   {"event":"bench-published",…}
// stdin commands: {"cmd":"dial","addr"} {"cmd":"subscribe","topic"} {"cmd":"unsubscribe","topic"}
//   {"cmd":"publish","topic","data":hex} {"cmd":"info","topic"} {"cmd":"quit"}
//   {"cmd":"bench-publish","topic","tag","rate","size","count"}  {"cmd":"collect","tag"}
// Benchmark payloads: "KSB1", tag u8, seq u32 BE, send time f64 BE (CLOCK_MONOTONIC ns), padding;
// every received one is recorded as (seq, latency in µs) under its tag.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { gossipsub } from '@libp2p/gossipsub'
import { createTopicScoreParams } from '@libp2p/gossipsub/score'
import { floodsub } from '@libp2p/floodsub'
import { multiaddr } from '@multiformats/multiaddr'
import readline from 'node:readline'

const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt }
const all = (name) => args.flatMap((a, i) => a === '--' + name ? [args[i + 1]] : [])
const router = opt('router', 'gossipsub')
const quiet = args.includes('--quiet')
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n')
const hex = (u) => Buffer.from(u).toString('hex')

const scoreTopics = Object.fromEntries(all('score-topic').map((t) => [t, createTopicScoreParams({
  topicWeight: 1, timeInMeshWeight: 0.01, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesCap: 20,
  meshMessageDeliveriesWeight: 0, meshFailurePenaltyWeight: 0, invalidMessageDeliveriesWeight: -10,
  invalidMessageDeliveriesDecay: 0.99
})]))
const pubsub = router === 'floodsub'
  ? floodsub({ emitSelf: false })
  : gossipsub({ allowPublishToZeroTopicPeers: true, emitSelf: false, scoreParams: { topics: scoreTopics } })

const node = await createLibp2p({
  addresses: { listen: [`/ip4/127.0.0.1/tcp/${opt('port', '0')}`] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), pubsub }
})
const ps = node.services.pubsub
const now = () => Number(process.hrtime.bigint())
const latencies = new Map() // tag -> [seq, latency_us, ...]

ps.addEventListener('message', (e) => {
  const m = e.detail
  const d = m.data
  if (d.length >= 17 && d[0] === 0x4b && d[1] === 0x53 && d[2] === 0x42 && d[3] === 0x31) {
    const dv = new DataView(d.buffer, d.byteOffset, d.byteLength)
    const tag = d[4]
    let a = latencies.get(tag)
    if (a == null) latencies.set(tag, a = [])
    a.push(dv.getUint32(5), Math.round((now() - dv.getFloat64(9)) / 1e3))
  }
  if (!quiet) {
    out({ event: 'message', topic: m.topic, from: m.from?.toString(), seqno: m.sequenceNumber?.toString(16).padStart(16, '0'), data: hex(d) })
  }
})
for (const t of all('topic')) ps.subscribe(t)

async function benchPublish ({ topic, tag, rate, size, count }) {
  const t0 = now()
  let sent = 0
  let failed = 0
  const pending = []
  while (sent < count) {
    const due = Math.min(count, Math.floor((now() - t0) / 1e9 * rate) + 1)
    for (; sent < due; sent++) {
      const b = new Uint8Array(Math.max(size, 17))
      const dv = new DataView(b.buffer)
      b.set([0x4b, 0x53, 0x42, 0x31, tag])
      dv.setUint32(5, sent)
      dv.setFloat64(9, now())
      pending.push(ps.publish(topic, b).catch(() => { failed++ }))
    }
    const wait = (t0 + sent / rate * 1e9 - now()) / 1e6
    await new Promise((resolve) => wait > 1 ? setTimeout(resolve, wait) : setImmediate(resolve))
  }
  const seconds = (now() - t0) / 1e9
  await Promise.all(pending)
  out({ event: 'bench-published', tag, sent, failed, rate: sent / seconds })
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let c
  try { c = JSON.parse(line) } catch { return }
  try {
    switch (c.cmd) {
      case 'dial':
        try { await node.dial(multiaddr(c.addr)); out({ event: 'dialed', ok: true }) } catch (e) { out({ event: 'dialed', ok: false, error: e.message }) }
        break
      case 'subscribe': ps.subscribe(c.topic); out({ event: 'subscribed', topic: c.topic }); break
      case 'unsubscribe': ps.unsubscribe(c.topic); out({ event: 'unsubscribed', topic: c.topic }); break
      case 'publish': {
        const r = await ps.publish(c.topic, Uint8Array.from(Buffer.from(c.data, 'hex')))
        out({ event: 'published', recipients: r.recipients.length })
        break
      }
      case 'info': {
        const peers = node.getPeers().map(String)
        const scores = {}
        if (ps.getScore) for (const p of peers) scores[p] = ps.getScore(p)
        out({ event: 'info', peers, subscribers: ps.getSubscribers(c.topic).map(String), mesh: ps.getMeshPeers ? ps.getMeshPeers(c.topic) : [], scores })
        break
      }
      case 'bench-publish': await benchPublish(c); break
      case 'collect': out({ event: 'collected', tag: c.tag, data: latencies.get(c.tag) ?? [] }); latencies.delete(c.tag); break
      case 'quit': await node.stop(); process.exit(0)
    }
  } catch (e) { out({ event: 'error', cmd: c.cmd, message: e.message }) }
})
process.on('SIGTERM', async () => { await node.stop(); process.exit(0) })
process.on('SIGINT', async () => { await node.stop(); process.exit(0) })
out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })

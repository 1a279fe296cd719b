// A js-libp2p stream muxer (@chainsafe/libp2p-yamux or @libp2p/mplex) straight over TCP, without
// security or multistream-select: the interop peer of kitsunet's muxer tests (kitsunet/p2p/yamux,
// kitsunet/p2p/mplex).
// usage: node --import ./polyfill.mjs muxer_peer.mjs <yamux|mplex> <port> [streams=4] [bytes=1048576]
//   dials 127.0.0.1:<port> (the Yamux client: odd stream ids); echoes every stream the other
//   side opens; opens <streams> streams of its own, sends <bytes> on each (the last one 16x as
//   many) and checks the echo; pings (Yamux); sends its report {"ok": true|false, ...} as JSON on one
//   more stream; then waits for the other side to end the session, prints the report (with the
//   streams it served) and exits, 0 when ok.
import net from 'node:net'
import { once } from 'node:events'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { defaultLogger } from '@libp2p/logger'
// Not exported by the package: imported by path (the same code its TCP transport uses).
import { toMultiaddrConnection } from './node_modules/@libp2p/tcp/dist/src/socket-to-conn.js'
import { multiaddr } from '@multiformats/multiaddr'
import { pattern, sendAll, readAll } from './streams.mjs'

const [muxerName, portS, streamsS = '4', bytesS = '1048576'] = process.argv.slice(2)
const factories = { yamux, mplex }
if (!(muxerName in factories)) { console.error('usage: muxer_peer.mjs <yamux|mplex> <port> [streams] [bytes]'); process.exit(2) }
const port = Number(portS), streams = Number(streamsS), bytes = Number(bytesS)
const report = { ok: false, echoed: 0, served: 0, rtt_ms: null, errors: [] }

async function serve (stream) {
  try {
    for await (const chunk of stream) {
      if (!stream.send(chunk)) await stream.onDrain()
    }
    await stream.close()
    report.served++
  } catch (err) { report.errors.push(`serve: ${err.message}`) }
}

async function exchange (muxer, i) {
  const data = pattern(i === streams - 1 ? bytes * 16 : bytes, 1000 + i)
  const stream = await muxer.createStream()
  const [, echoed] = await Promise.all([sendAll(stream, data).then(() => stream.close()), readAll(stream)])
  if (Buffer.compare(echoed, Buffer.from(data)) !== 0) throw new Error(`stream ${i}: echo differs (${echoed.length} of ${data.length} bytes)`)
  report.echoed++
}

const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
await once(socket, 'connect')
const maConn = toMultiaddrConnection({
  socket, direction: 'outbound', remoteAddr: multiaddr(`/ip4/127.0.0.1/tcp/${port}`),
  log: defaultLogger().forComponent('muxer-peer')
})
const closed = once(maConn, 'close')
const muxer = factories[muxerName]()().createStreamMuxer(maConn)
muxer.addEventListener('stream', (evt) => { serve(evt.detail) })
try {
  await Promise.all(Array.from({ length: streams }, (_, i) => exchange(muxer, i)))
  if (muxerName === 'yamux') report.rtt_ms = await muxer.ping()
} catch (err) { report.errors.push(err.message) }
// The report goes over one more stream, so the other side can wait for it before closing.
report.ok = report.errors.length === 0 && report.echoed === streams
const last = await muxer.createStream()
await sendAll(last, new TextEncoder().encode(JSON.stringify(report)))
await last.close()
await closed
report.ok = report.errors.length === 0 && report.echoed === streams
console.log(JSON.stringify(report))
process.exit(report.ok ? 0 : 1)

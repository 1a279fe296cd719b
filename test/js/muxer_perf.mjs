// The js anchor of kitsunet's muxer benchmark (bench/run mux): one stream of js-libp2p's muxer
// (@chainsafe/libp2p-yamux or @libp2p/mplex) to another over a loopback TCP connection, without
// security, in one Node process (as kitsunet's side runs both ends on one thread).
// usage: node --import ./polyfill.mjs muxer_perf.mjs <yamux|mplex> [MiB=128]
// prints one JSON line: {"muxer": ..., "bytes": ..., "s": ..., "MBps": ...}
import net from 'node:net'
import { once } from 'node:events'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { defaultLogger } from '@libp2p/logger'
// Not exported by the package: imported by path (the same code its TCP transport uses).
import { toMultiaddrConnection } from './node_modules/@libp2p/tcp/dist/src/socket-to-conn.js'
import { multiaddr } from '@multiformats/multiaddr'

const [muxerName = 'yamux', mibS = '128'] = process.argv.slice(2)
const factories = { yamux, mplex }
if (!(muxerName in factories)) { console.error('usage: muxer_perf.mjs <yamux|mplex> [MiB]'); process.exit(2) }
const total = Number(mibS) * 1024 * 1024
const log = defaultLogger().forComponent('muxer-perf')

function muxerOver (socket, direction) {
  const maConn = toMultiaddrConnection({
    socket, direction, log, remoteAddr: multiaddr(`/ip4/127.0.0.1/tcp/${socket.remotePort}`)
  })
  return factories[muxerName]()().createStreamMuxer(maConn)
}

const received = Promise.withResolvers()
const server = net.createServer({ noDelay: true }, (socket) => {
  const muxer = muxerOver(socket, 'inbound')
  muxer.addEventListener('stream', async (evt) => {
    let n = 0
    for await (const chunk of evt.detail) n += chunk.byteLength
    received.resolve(n)
  })
})
server.listen(0, '127.0.0.1')
await once(server, 'listening')
const socket = net.connect({ port: server.address().port, host: '127.0.0.1', noDelay: true })
await once(socket, 'connect')
const client = muxerOver(socket, 'outbound')
const chunk = new Uint8Array(64 * 1024).map((_, i) => i & 255)
const t0 = performance.now()
const stream = await client.createStream()
for (let sent = 0; sent < total; sent += chunk.length) {
  if (!stream.send(chunk)) await stream.onDrain()
}
await stream.close()
const bytes = await received.promise
const s = (performance.now() - t0) / 1000
console.log(JSON.stringify({ muxer: muxerName, bytes, s: +s.toFixed(3), MBps: +(bytes / s / 1e6).toFixed(1) }))
process.exit(bytes === total ? 0 : 1)

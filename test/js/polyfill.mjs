// Node 20 lacks Promise.withResolvers, which js-libp2p 3 uses; load with `node --import`.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers () {
    const out = {}
    out.promise = new this((resolve, reject) => { out.resolve = resolve; out.reject = reject })
    return out
  }
}

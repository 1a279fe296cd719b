// Loads kitsunet_core.wasm and wraps its C ABI (wasm/abi.hpp) in JavaScript functions that take
// and return Uint8Arrays. Works in Node and in browsers: pass the module's bytes.
//
// The module imports only a few WASI calls, reached when core reports a broken invariant on
// stderr before aborting; they are shimmed here (stderr goes to console.error).

const WASI_ENOSYS = 52;

function wasiShims(getMemory) {
  const fd_write = (fd, iovs, iovsLen, nwrittenPtr) => {
    const view = new DataView(getMemory().buffer);
    let text = '';
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = view.getUint32(iovs + 8 * i, true);
      const len = view.getUint32(iovs + 8 * i + 4, true);
      text += new TextDecoder().decode(new Uint8Array(getMemory().buffer, ptr, len));
      total += len;
    }
    if (fd === 1 || fd === 2) console.error(text);
    view.setUint32(nwrittenPtr, total, true);
    return 0;
  };
  return new Proxy({ fd_write, proc_exit: (code) => { throw new Error(`wasm exited with ${code}`); } }, {
    get: (target, name) => target[name] ?? (() => WASI_ENOSYS),
  });
}

export class CoreError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

export async function loadCore(wasmBytes) {
  let memory;
  const imports = { wasi_snapshot_preview1: wasiShims(() => memory) };
  const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
  const x = instance.exports;
  memory = x.memory;
  x._initialize();
  return new Core(x);
}

class Core {
  constructor(exports) {
    this.x = exports;
  }

  // Copies `bytes` into module memory for the duration of fn(ptr, len).
  withInput(bytes, fn) {
    const ptr = this.x.kitsunet_alloc(Math.max(bytes.length, 1));
    if (ptr === 0) throw new Error('wasm: out of memory');
    new Uint8Array(this.x.memory.buffer, ptr, bytes.length).set(bytes);
    try {
      return fn(ptr, bytes.length);
    } finally {
      this.x.kitsunet_free(ptr);
    }
  }

  // Calls fn(outPtr) with a 32-byte output buffer; returns [status, hash].
  withHashOut(fn) {
    const out = this.x.kitsunet_alloc(32);
    try {
      const status = fn(out);
      return [status, new Uint8Array(this.x.memory.buffer, out, 32).slice()];
    } finally {
      this.x.kitsunet_free(out);
    }
  }

  result() {
    return new Uint8Array(this.x.memory.buffer, this.x.kitsunet_result_ptr(), this.x.kitsunet_result_len()).slice();
  }

  check(status) {
    if (status >= 0) return status;
    this.x.kitsunet_describe(status);
    throw new CoreError(status, new TextDecoder().decode(this.result()));
  }

  keccak256(bytes) {
    return this.withInput(bytes, (p, n) => this.withHashOut((out) => this.check(this.x.kitsunet_keccak256(p, n, out))))[1];
  }

  // Strict RLP decode of one item; returns its canonical re-encoding and top-level item count.
  rlpDecode(bytes) {
    const count = this.withInput(bytes, (p, n) => this.check(this.x.kitsunet_rlp_decode(p, n)));
    return { count, encoded: this.result() };
  }

  // Verifies a Merkle proof (an RLP list of node RLPs) of `key` against `root`. Returns the value,
  // or null when the proof shows the key absent; throws CoreError when it does not verify.
  verifyProof(root, key, proofRlp) {
    const present = this.withInput(root, (r) =>
      this.withInput(key, (k, kn) =>
        this.withInput(proofRlp, (p, pn) => this.check(this.x.kitsunet_verify_proof(r, k, kn, p, pn)))));
    return present === 1 ? this.result() : null;
  }

  // Verifies a slice in its RLP wire form (also against `root` when given). Returns its id text
  // and the number of keys it holds; throws CoreError with the reason when it is refused.
  verifySlice(sliceRlp, root = null) {
    const withRoot = (fn) => (root ? this.withInput(root, fn) : fn(0));
    const keys = this.withInput(sliceRlp, (p, n) => withRoot((r) => this.check(this.x.kitsunet_verify_slice(p, n, r))));
    return { id: new TextDecoder().decode(this.result()), keys };
  }

  // Verifies a slice, then reads `key` (32 bytes) from it: the value, or null when proven absent.
  sliceGet(sliceRlp, key) {
    const present = this.withInput(sliceRlp, (p, n) =>
      this.withInput(key, (k) => this.check(this.x.kitsunet_slice_get(p, n, k))));
    return present === 1 ? this.result() : null;
  }
}

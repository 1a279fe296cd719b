// Account proofs cut from the kitsunet-js slice 1372-12 (real mainnet state, 2019): its stem,
// head and slice nodes hold every node on the path of each account under prefix 1372.
import { haveVectors, hex, readJsonVector, unhex } from './helpers.mjs';
import { decode } from './rlp.mjs';

const slice = haveVectors ? readJsonVector('kitsunet-js/slice-1372-12.json').result : null;

/// The slice's nodes by hash (hex), its state root, and its contract accounts by key.
export const sliceNodes = slice ? Object.assign({}, ...Object.values(slice['trie-nodes'])) : {};
export const sliceRoot = slice ? unhex(slice['slice-id'].split('-')[2]) : null;
export const sliceLeaves = slice ? slice.leaves : {};

const nibblesOf = (bytes) => [...bytes].flatMap((b) => [b >> 4, b & 15]);
export const nibblesToBytes = (n) => Uint8Array.from({ length: n.length / 2 }, (_, i) => n[2 * i] * 16 + n[2 * i + 1]);

// The nibbles of a hex-prefix (compact) path, and whether it ends a leaf.
function hexPrefix(encoded) {
  const nibbles = nibblesOf(encoded);
  const flag = nibbles[0];
  return { leaf: flag >= 2, path: nibbles.slice(flag % 2 === 1 ? 1 : 2) };
}

/// Walks from the slice's root along `key`, collecting the nodes referenced by hash on the way
/// (an eth_getProof accountProof). Returns them and the full key of the leaf reached, if any.
export function walk(key) {
  const keyNibbles = nibblesOf(key);
  const proof = [];
  let ref = sliceRoot;
  let depth = 0;
  for (;;) {
    let node = ref;
    if (ref instanceof Uint8Array) {
      if (ref.length === 0) return { proof, leafKey: null };
      const rlp = unhex(sliceNodes[hex(ref)]);
      proof.push(rlp);
      node = decode(rlp)[0];
    }
    if (node.length === 17) {
      ref = node[keyNibbles[depth++]];
      continue;
    }
    const { leaf, path } = hexPrefix(node[0]);
    if (leaf) return { proof, leafKey: nibblesToBytes([...keyNibbles.slice(0, depth), ...path]) };
    depth += path.length;
    ref = node[1];
  }
}

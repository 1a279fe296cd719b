// kitsunet_core.wasm verifies whole slices: the kitsunet-js slice 1372-12 (real mainnet state,
// 2019) put in kitsunet's wire form, and reads accounts from it, present and proven absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { core, hex, skipNoVectors, unhex } from './helpers.mjs';
import { decode, encode } from './rlp.mjs';
import { sliceLeaves, sliceNodes, sliceRoot, walk } from './slice.mjs';

const documentedKey = () => walk(unhex('1372c6cc' + '00'.repeat(28))).leafKey;

// [id, [stem...], head, [nodes...], [codes...]] with id = [hex-prefix(1372), 12, root]; the slice
// nodes in the order the JSON lists them (any order verifies).
function wireSlice({ dropNode = false, tamper = false } = {}) {
  const { proof } = walk(documentedKey());
  const [stem, head] = [proof.slice(0, 4), proof[4]];
  const headHex = hex(head);
  const stemHex = new Set(stem.map(hex));
  let nodes = Object.values(sliceNodes).filter((n) => n !== headHex && !stemHex.has(n)).map(unhex);
  if (dropNode) nodes = nodes.slice(1);
  if (tamper) nodes[0] = Uint8Array.from(nodes[0], (b, i) => (i === nodes[0].length - 1 ? b ^ 1 : b));
  const codes = [...new Set(Object.values(sliceLeaves).map((l) => l['evm-code']).filter((c) => c))].map(unhex);
  return encode([[Uint8Array.of(0x00, 0x13, 0x72), Uint8Array.of(12), sliceRoot], stem, head, nodes, codes]);
}

test('the kitsunet-js slice verifies in the wire form, against its root', { skip: skipNoVectors }, () => {
  const { id, keys } = core.verifySlice(wireSlice(), sliceRoot);
  assert.equal(id, '1372-12-' + hex(sliceRoot));
  assert.equal(keys, 861);
});

test('accounts read from the verified slice, present and proven absent', { skip: skipNoVectors }, () => {
  const key = documentedKey();
  const [nonce, balance] = decode(core.sliceGet(wireSlice(), key))[0];
  assert.equal(hex(nonce), 'b538f9');
  assert.equal(hex(balance), '02042d55a624beaf4bc1');
  const absent = Uint8Array.from(key);
  absent[31] ^= 1;
  assert.equal(core.sliceGet(wireSlice(), absent), null);
  assert.throws(() => core.sliceGet(wireSlice(), new Uint8Array(32)), /outside the slice's prefix/);
});

test('forged slices are refused with the reason', { skip: skipNoVectors }, () => {
  const otherRoot = Uint8Array.from(sliceRoot);
  otherRoot[0] ^= 1;
  assert.throws(() => core.verifySlice(wireSlice(), otherRoot), /not of the expected root/);
  assert.throws(() => core.verifySlice(wireSlice({ dropNode: true })), /missing/);
  assert.throws(() => core.verifySlice(wireSlice({ tamper: true })), /missing|reachable/);
  assert.throws(() => core.verifySlice(Uint8Array.of(0xc0)), /rlp/);
});

// The deepest trie of 32-byte keys: key i is all zero nibbles but nibble i, which is 1 (and one
// key all zeros): a branch at every nibble, 64 levels of hashed nodes below the root. Verifying it
// walks as deep as any slice can make the module walk.
function combSlice() {
  // Values of 32 bytes (so every leaf is hashed), each its own.
  const value = (n) => encode(Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? n + 1 : i)));
  const leaf = (nibbleCount, n) => {
    const path = Uint8Array.from({ length: 1 + Math.floor(nibbleCount / 2) }, (_, i) => (i === 0 ? (nibbleCount % 2 ? 0x30 : 0x20) : 0));
    return encode([path, value(n)]);
  };
  const nodes = [];
  let below = leaf(0, 64); // the all-zero key, under nibble 0 of the last branch
  for (let i = 63; i >= 0; i--) {
    const children = Array.from({ length: 16 }, () => new Uint8Array(0));
    const side = leaf(63 - i, i);
    children[0] = core.keccak256(below);
    children[1] = core.keccak256(side);
    nodes.push(below, side);
    below = encode([...children, new Uint8Array(0)]);
  }
  const root = core.keccak256(below);
  const owner = new Uint8Array(32);
  return { root, slice: encode([[Uint8Array.of(0x00), Uint8Array.of(64), root, owner], [], below, nodes, []]) };
}

test('the deepest possible slice (64 levels) verifies and reads', () => {
  const { root, slice } = combSlice();
  assert.equal(core.verifySlice(slice, root).keys, 65);
  const key = new Uint8Array(32);
  key[31] = 0x01; // nibble 63
  assert.ok(core.sliceGet(slice, key));
});

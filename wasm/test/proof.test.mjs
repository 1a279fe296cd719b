// kitsunet_core.wasm verifies Merkle proofs of real mainnet accounts (the kitsunet-js slice).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { core, hex, skipNoVectors, unhex } from './helpers.mjs';
import { decode, encode } from './rlp.mjs';
import { sliceLeaves, sliceRoot, walk } from './slice.mjs';

// The account documented in the vectors' README: key 1372c6cc…, nonce 0xb538f9.
const documentedKey = () => walk(unhex('1372c6cc' + '00'.repeat(28)));

test('a proof of the documented account verifies and gives its nonce and balance', { skip: skipNoVectors }, () => {
  const { proof, leafKey } = documentedKey();
  assert.ok(hex(leafKey).startsWith('1372c6cc'));
  const [nonce, balance] = decode(core.verifyProof(sliceRoot, leafKey, encode(proof)))[0];
  assert.equal(hex(nonce), 'b538f9');
  assert.equal(hex(balance), '02042d55a624beaf4bc1');
});

test('every contract account of the slice proves its storage root', { skip: skipNoVectors }, () => {
  for (const [key, { 'storage-root': storageRoot }] of Object.entries(sliceLeaves)) {
    const { proof } = walk(unhex(key));
    const fields = decode(core.verifyProof(sliceRoot, unhex(key), encode(proof)))[0];
    assert.equal(hex(fields[2]), storageRoot, key);
  }
});

test('the same proof shows a neighbouring key absent', { skip: skipNoVectors }, () => {
  const { proof, leafKey } = documentedKey();
  const absent = Uint8Array.from(leafKey);
  absent[31] ^= 1;
  assert.equal(core.verifyProof(sliceRoot, absent, encode(proof)), null);
});

test('a proof fails against another root, with a node changed, or cut short', { skip: skipNoVectors }, () => {
  const { proof, leafKey } = documentedKey();
  const otherRoot = Uint8Array.from(sliceRoot);
  otherRoot[0] ^= 1;
  assert.throws(() => core.verifyProof(otherRoot, leafKey, encode(proof)), /does not verify/);
  const tampered = proof.map((node) => Uint8Array.from(node));
  tampered[1][tampered[1].length - 1] ^= 1;
  assert.throws(() => core.verifyProof(sliceRoot, leafKey, encode(tampered)), /does not verify/);
  assert.throws(() => core.verifyProof(sliceRoot, leafKey, encode(proof.slice(0, -1))), /missing node/);
});

test('a proof carrier that is not a list of strings is refused', () => {
  assert.throws(() => core.verifyProof(new Uint8Array(32), new Uint8Array(32), Uint8Array.of(0x80)), /expected a list/);
});

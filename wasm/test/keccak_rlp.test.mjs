// kitsunet_core.wasm against known answers and the shared vectors: Keccak-256 and strict RLP.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { core, hex, readJsonVector, skipNoVectors, unhex } from './helpers.mjs';

test('keccak256 known answers', () => {
  assert.equal(hex(core.keccak256(new Uint8Array())), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  assert.equal(hex(core.keccak256(new TextEncoder().encode('abc'))), '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  assert.equal(hex(core.keccak256(Uint8Array.of(0x80))), '56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
});

test('every trie node of the kitsunet-js slice hashes to its key', { skip: skipNoVectors }, () => {
  const nodes = readJsonVector('kitsunet-js/slice-1372-12.json').result['trie-nodes'];
  let count = 0;
  for (const group of ['stem', 'head', 'slice-nodes']) {
    for (const [key, rlp] of Object.entries(nodes[group])) {
      assert.equal(hex(core.keccak256(unhex(rlp))), key, `${group} ${key}`);
      count++;
    }
  }
  assert.equal(count, 5 + 1174);  // the slice's metadata: stem-and-head-nodes + total-trie-nodes
});

test('RLPTests: every valid encoding decodes and re-encodes to itself', { skip: skipNoVectors }, () => {
  const cases = readJsonVector('ethereum-tests/RLPTests/rlptest.json');
  for (const [name, { out }] of Object.entries(cases)) {
    const { encoded } = core.rlpDecode(unhex(out));
    assert.equal(hex(encoded), out.replace(/^0x/, '').toLowerCase(), name);
  }
});

test('RLPTests: every invalid encoding is rejected', { skip: skipNoVectors }, () => {
  const cases = readJsonVector('ethereum-tests/RLPTests/invalidRLPTest.json');
  for (const [name, { out }] of Object.entries(cases)) {
    assert.throws(() => core.rlpDecode(unhex(out)), /rlp: /, name);
  }
});

test('a list reports its item count', () => {
  assert.equal(core.rlpDecode(unhex('c88363617483646f67')).count, 2);  // ["cat", "dog"]
});

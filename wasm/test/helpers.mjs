// Shared by the Node tests of kitsunet_core.wasm: loading the module and the shared vectors.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../kitsunet_core.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const wasmPath = process.env.KITSUNET_WASM ?? join(repo, 'build/wasm/kitsunet_core.wasm');
export const vectorsDir = process.env.KITSUNET_VECTORS_DIR ?? join(repo, '../shared/vectors');
export const haveVectors = existsSync(vectorsDir);
export const skipNoVectors = haveVectors ? false : '../shared/vectors is absent';

export const core = await loadCore(readFileSync(wasmPath));

export const hex = (bytes) => Buffer.from(bytes).toString('hex');
export const unhex = (text) => new Uint8Array(Buffer.from(text.replace(/^0x/, ''), 'hex'));
export const readVector = (path) => readFileSync(join(vectorsDir, path), 'utf8');
export const readJsonVector = (path) => JSON.parse(readVector(path));

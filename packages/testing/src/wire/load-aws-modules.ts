import { createRequire } from 'node:module';

// The AWS building blocks, loaded through `require` on purpose: their ESM builds
// (`dist-es`, chosen by the `module` condition that vitest and bundlers resolve) re-export
// from `@smithy/core` with extension-less relative imports that Node's ESM loader rejects.
// Their CommonJS builds load everywhere, and this keeps one copy of each in memory.
const require = createRequire(import.meta.url);

export const { SignatureV4 } = require('@smithy/signature-v4') as typeof import('@smithy/signature-v4');
export const { Sha256 } = require('@aws-crypto/sha256-js') as typeof import('@aws-crypto/sha256-js');
export const { EventStreamCodec } =
  require('@smithy/eventstream-codec') as typeof import('@smithy/eventstream-codec');
export const { fromUtf8, toUtf8 } = require('@smithy/util-utf8') as typeof import('@smithy/util-utf8');

// Each area keeps an explicit export list in its own index.
export * from './minimization/index.js';
export * from './permissions/index.js';

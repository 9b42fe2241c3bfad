const cache = new Map<string, Map<string, readonly string[]>>();

/**
 * The concurrency pools a task of `agent` calling `modelRef` (`provider:model`) holds:
 * `agent:<name>`, `provider:<provider>` and `model:<provider>:<model>`. Cached, so the hot
 * path allocates nothing; only pools with a limit in the scheduler's options constrain.
 */
export function taskPools(agent: string, modelRef: string | undefined): readonly string[] {
  let byModel = cache.get(agent);
  if (byModel === undefined) {
    byModel = new Map();
    cache.set(agent, byModel);
  }
  const key = modelRef ?? '';
  let pools = byModel.get(key);
  if (pools === undefined) {
    const colon = key.indexOf(':');
    pools =
      colon > 0
        ? [`agent:${agent}`, `provider:${key.slice(0, colon)}`, `model:${key}`]
        : key === ''
          ? [`agent:${agent}`]
          : [`agent:${agent}`, `provider:${key}`];
    byModel.set(key, pools);
  }
  return pools;
}

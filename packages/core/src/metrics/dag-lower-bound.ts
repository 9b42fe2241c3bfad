/** A task with a duration and the tasks it waits for. */
export interface DurationNode {
  readonly id: string;
  readonly deps?: readonly string[];
  readonly durationMs: number;
}

/**
 * Length of the longest dependency chain, summing durations (ms). Dependencies that are not
 * in the list are ignored; the input must be acyclic.
 */
export function dagCriticalPathMs(nodes: readonly DurationNode[]): number {
  const byId = new Map<string, DurationNode>();
  for (const node of nodes) byId.set(node.id, node);
  const finish = new Map<string, number>();
  let longest = 0;
  for (const start of nodes) {
    if (finish.has(start.id)) continue;
    // Iterative depth-first post-order, so long chains do not overflow the stack.
    const stack: [DurationNode, number][] = [[start, 0]];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [node, next] = frame;
      const deps = node.deps ?? [];
      if (next < deps.length) {
        frame[1] = next + 1;
        const dep = byId.get(deps[next]!);
        if (dep !== undefined && !finish.has(dep.id)) stack.push([dep, 0]);
        continue;
      }
      stack.pop();
      let ready = 0;
      for (const depId of deps) ready = Math.max(ready, finish.get(depId) ?? 0);
      const end = ready + node.durationMs;
      finish.set(node.id, end);
      if (end > longest) longest = end;
    }
  }
  return longest;
}

/** `max(critical path, total work / concurrency)`: no schedule on `concurrency` slots can be shorter. */
export function dagLowerBoundMs(nodes: readonly DurationNode[], concurrency: number): number {
  let work = 0;
  for (const node of nodes) work += node.durationMs;
  return Math.max(dagCriticalPathMs(nodes), work / concurrency);
}

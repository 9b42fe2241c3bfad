import { createRegistry, type ModelRegistry } from '@baton/core';
import type { ModelAdapter, ModelRequest } from '@baton/core/contracts';
import { localProvider } from '@baton/provider-local';

/** One request as it reached a model adapter, serialized exactly once. */
export interface RecordedRequest {
  ref: string;
  request: ModelRequest;
  serialized: string;
}

/** A registry over the local model that records every request that crosses the adapter boundary. */
export function recordingLocalRegistry(): { registry: ModelRegistry; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const registry = createRegistry({
    providers: { local: localProvider() },
    wrap: (adapter: ModelAdapter, ref: string): ModelAdapter => ({
      specificationVersion: 'v1',
      provider: adapter.provider,
      modelId: adapter.modelId,
      generate(request, options) {
        requests.push({ ref, request, serialized: JSON.stringify(request) });
        return adapter.generate(request, options);
      },
      stream(request, options) {
        requests.push({ ref, request, serialized: JSON.stringify(request) });
        return adapter.stream(request, options);
      },
    }),
  });
  return { registry, requests };
}

import { openaiChatCompletionsRoute } from './openai-wire-server.js';
import { jsonReply, ndjsonReply, type WireReply } from './wire-reply.js';
import { scenarioUsage, splitText, type WireScenario } from './wire-scenario.js';
import { startWireServer, type WireRequest, type WireRoute, type WireServer } from './wire-server.js';

/** Options for `startOllamaWireServer`. */
export interface OllamaWireServerOptions {
  /** Scenarios answered in order (by either API). */
  scenarios?: WireScenario[];
  /** Answers once the queue is empty. */
  respond?: (request: WireRequest) => WireScenario | undefined;
}

const doneReason = { stop: 'stop', length: 'length', 'content-filter': 'stop' } as const;

/** Ollama's native chat API: `POST /api/chat`, NDJSON when streaming (the default). @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion */
export function ollamaChatRoute(): WireRoute {
  let nextCall = 0;
  return {
    path: '/api/chat',
    reply(request, scenario): WireReply {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const model = typeof body.model === 'string' ? body.model : 'llama3.2';
      const stream = body.stream !== false; // Ollama streams unless told not to
      const createdAt = new Date().toISOString();
      switch (scenario.type) {
        case 'error':
          return jsonReply(
            scenario.status,
            scenario.body ?? { error: scenario.message ?? `request failed with status ${scenario.status}` },
            scenario.headers,
          );
        case 'rate-limit': {
          const headers: Record<string, string> = {};
          if (scenario.retryAfterSeconds !== undefined)
            headers['retry-after'] = String(scenario.retryAfterSeconds);
          if (scenario.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scenario.retryAfterMs);
          return jsonReply(
            scenario.status ?? 429,
            { error: scenario.message ?? 'too many requests' },
            headers,
          );
        }
        case 'server-error':
          return jsonReply(
            scenario.status ?? 500,
            { error: scenario.message ?? 'llama runner process has terminated: exit status 2' },
            scenario.headers,
          );
        default:
          break;
      }
      const metrics = (inputTokens: number, outputTokens: number) => ({
        total_duration: 4_883_583_458,
        load_duration: 1_334_875,
        prompt_eval_count: inputTokens,
        prompt_eval_duration: 342_546_000,
        eval_count: outputTokens,
        eval_duration: 4_535_599_000,
      });
      const chunk = (message: Record<string, unknown>) => ({
        model,
        created_at: createdAt,
        message: { role: 'assistant', ...message },
        done: false,
      });

      if (scenario.type === 'malformed-event') {
        if (!stream)
          return {
            status: 200,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: scenario.payload ?? '{"model": "',
          };
        return ndjsonReply([
          ...(scenario.text ? [chunk({ content: scenario.text })] : []),
          scenario.payload ?? '{"model":"broken","message":{',
        ]);
      }
      if (scenario.type === 'cut-stream') {
        if (!stream)
          return {
            status: 200,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: `{"model":"${model}","message":{"role":"assistant","content":"`,
            cut: true,
          };
        const reply = ndjsonReply(splitText(scenario.text).map((content) => chunk({ content })));
        return {
          ...reply,
          chunks: reply.chunks!.slice(0, scenario.afterChunks ?? 2),
          cut: true,
          ...(scenario.chunkDelayMs ? { chunkDelayMs: scenario.chunkDelayMs } : {}),
        };
      }
      if (scenario.type !== 'text' && scenario.type !== 'tool-calls')
        throw new Error(`unsupported scenario ${scenario.type}`);
      const usage = scenarioUsage(scenario);
      const toolCalls =
        scenario.type === 'tool-calls'
          ? scenario.toolCalls.map((call, index) => ({
              id: call.id ?? `call_${(++nextCall).toString(36).padStart(8, '0')}`,
              function: {
                index,
                name: call.name,
                arguments: typeof call.arguments === 'string' ? call.arguments : call.arguments,
              },
            }))
          : undefined;
      const reason = scenario.type === 'text' ? doneReason[scenario.finishReason ?? 'stop'] : 'stop';
      const thinking = scenario.type === 'text' ? scenario.reasoning : undefined;
      if (!stream) {
        return jsonReply(200, {
          model,
          created_at: createdAt,
          message: {
            role: 'assistant',
            content: scenario.text ?? '',
            ...(thinking ? { thinking } : {}),
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
          done_reason: reason,
          done: true,
          ...metrics(usage.inputTokens, usage.outputTokens),
        });
      }
      const lines: unknown[] = [];
      if (thinking)
        for (const piece of splitText(thinking)) lines.push(chunk({ content: '', thinking: piece }));
      if (scenario.text)
        for (const piece of scenario.textChunks ?? splitText(scenario.text))
          lines.push(chunk({ content: piece }));
      // Ollama delivers each tool call whole, in its own chunk.
      if (toolCalls) for (const call of toolCalls) lines.push(chunk({ content: '', tool_calls: [call] }));
      lines.push({
        model,
        created_at: createdAt,
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: reason,
        ...metrics(usage.inputTokens, usage.outputTokens),
      });
      return ndjsonReply(lines, scenario.chunkDelayMs ? { chunkDelayMs: scenario.chunkDelayMs } : {});
    },
  };
}

/**
 * A local server speaking Ollama's native `/api/chat` (NDJSON) and its OpenAI-compatible
 * `/v1/chat/completions`, with scripted scenarios and request recording.
 */
export function startOllamaWireServer(options: OllamaWireServerOptions = {}): Promise<WireServer> {
  return startWireServer({
    routes: [ollamaChatRoute(), openaiChatCompletionsRoute({ rateLimitHeaders: null })],
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.respond ? { respond: options.respond } : {}),
  });
}

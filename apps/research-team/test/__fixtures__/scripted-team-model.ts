import type { ModelAdapter, ModelContentPart, ModelRequest, ModelResult, ToolResultPart } from '@baton/core/contracts';

/**
 * A scripted stand-in for a model that plays each role of the research team, so the app's
 * wiring is tested independently of the local model: readers call `read_documents` with
 * the group quoted in their task and summarize the first sentence of each document with
 * its `[id]`; the publisher calls `send_email` for the address in its task; the supervisor
 * plans and then keeps the cited lines of the findings. Every request is recorded.
 */
export function scriptedTeamModel(): ModelAdapter & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  let calls = 0;

  const result = (content: ModelContentPart[], request: ModelRequest): ModelResult => {
    const out = content.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))).join('');
    return {
      content,
      finishReason: { unified: content.some((p) => p.type === 'tool-call') ? 'tool-calls' : 'stop', raw: 'scripted' },
      usage: { inputTokens: Math.ceil(JSON.stringify(request.messages).length / 4), outputTokens: Math.ceil(out.length / 4) },
    };
  };
  const toolCall = (toolName: string, input: unknown): ModelContentPart => ({
    type: 'tool-call',
    toolCallId: `call_${++calls}`,
    toolName,
    input,
  });

  async function generate(request: ModelRequest): Promise<ModelResult> {
    requests.push(request);
    // Yield a macrotask so parallel tasks really overlap, as a network call would.
    await new Promise((resolve) => setImmediate(resolve));
    const messages = request.messages;
    const lastUserIndex = messages.findLastIndex((m) => m.role === 'user');
    const lastUser = messages[lastUserIndex];
    const task = lastUser?.role === 'user' ? lastUser.content.map((p) => (p.type === 'text' ? p.text : '')).join('') : '';
    const results: ToolResultPart[] = messages
      .slice(lastUserIndex + 1)
      .flatMap((m) => (m.role === 'tool' ? m.content : []));
    const tools = new Set((request.tools ?? []).map((t) => t.name));

    if (tools.has('read_documents')) {
      if (results.length === 0) return result([toolCall('read_documents', { group: /"([^"]+)"/.exec(task)?.[1] ?? '' })], request);
      const output = results[0]!.output as { documents?: { id: string; text: string }[] };
      if (results[0]!.isError || !output.documents) return result([{ type: 'text', text: 'The group could not be read.' }], request);
      const summary = output.documents.map((d) => `${/^[^\n]*\n+([^\n]+?\.)(\s|$)/.exec(d.text)?.[1] ?? d.text.slice(0, 80)} [${d.id}]`);
      return result([{ type: 'text', text: summary.join(' ') }], request);
    }
    if (tools.has('send_email')) {
      if (results.length === 0) {
        const to = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(task)?.[0] ?? '';
        return result([toolCall('send_email', { to, subject: 'Research summary', body: task })], request);
      }
      const first = results[0]!;
      const reason = (first.output as { reason?: string }).reason ?? 'unknown';
      return result([{ type: 'text', text: first.isError ? `The summary was not sent: ${reason}` : 'The summary was sent.' }], request);
    }
    if (task.startsWith('Plan:')) {
      return result([{ type: 'text', text: '- measures that reduced emergency visits\n- cost per resident reached' }], request);
    }
    const cited = task.split('\n').filter((line) => /\[[a-z0-9-]+\]/.test(line));
    return result([{ type: 'text', text: cited.slice(0, 6).join('\n') }], request);
  }

  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: 'team',
    requests,
    generate,
    async *stream(request) {
      const answer = await generate(request);
      for (const part of answer.content) {
        if (part.type === 'text') yield { type: 'text-delta', delta: part.text };
        else if (part.type === 'tool-call') yield part;
      }
      yield { type: 'finish', finishReason: answer.finishReason, usage: answer.usage };
    },
  };
}

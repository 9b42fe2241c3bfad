import { createOrchestrator, type RunEvent, type RunOutcome } from '@baton/core';
import {
  type AuditRecord,
  capabilityGate,
  createAuditLog,
  minimizationPolicy,
  verifyAuditLog,
} from '@baton/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { createResearchTeam, type ResearchTeamOutput, researchTeamApp } from '../src/index.js';
import { type RecordedRequest, recordingLocalRegistry } from './__fixtures__/recording-registry.js';
import { maxRunning, sumTasks, tasksByAgent } from './__fixtures__/run-analysis.js';
import { findSeededValues, seededSensitiveValues } from './__fixtures__/seeded-sensitive-values.js';

// The demo end to end, offline: the embedded local model, data minimization and the
// capability gate, exactly as `baton run research-team` composes them.
describe('research-team on the local model', () => {
  const built = researchTeamApp.build({ model: 'local:default' });
  const team = createResearchTeam({ model: 'local:default' });
  const events: RunEvent[] = [];
  const auditLines: string[] = [];
  let requests: RecordedRequest[];
  let outcome: RunOutcome<ResearchTeamOutput>;

  beforeAll(async () => {
    const recording = recordingLocalRegistry();
    requests = recording.requests;
    const gate = capabilityGate({ requireApproval: built.requireApproval });
    const audit = createAuditLog({ write: (line) => auditLines.push(line) });
    const orchestrator = createOrchestrator({
      registry: recording.registry,
      policies: [minimizationPolicy({ permissions: gate })],
      permissions: gate,
      principal: built.principal,
      limits: built.limits,
    });
    outcome = await orchestrator.run(team.supervisor, built.input, {
      onEvent: (event) => {
        events.push(event);
        audit.onEvent(event);
      },
    }).result;
    audit.close();
  });

  it('succeeds', () => {
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.report.status).toBe('succeeded');
  });

  it('runs 20 reader tasks, more than one at a time and at most 20', () => {
    const readers = tasksByAgent(events).get('reader') ?? [];
    expect(readers).toHaveLength(20);
    const finished = events.filter((e) => e.type === 'task-finished' && readers.includes(e.taskId));
    expect(finished.every((e) => e.type === 'task-finished' && e.status === 'succeeded')).toBe(true);
    const concurrent = maxRunning(events, readers);
    expect(concurrent).toBeGreaterThan(1);
    expect(concurrent).toBeLessThanOrEqual(20);
    expect(outcome.report.totals.maxConcurrency).toBeLessThanOrEqual(20);
  });

  it('has every reader read its own group through read_documents', () => {
    const reads = events.filter((e) => e.type === 'permission-checked' && e.toolName === 'read_documents');
    const scopes = reads.map((e) => (e.type === 'permission-checked' ? e.capabilities[0] : undefined));
    expect(new Set(scopes)).toEqual(new Set(team.corpus.groups.map((g) => `docs:read:/corpus/${g.group}`)));
    expect(reads.every((e) => e.type === 'permission-checked' && e.allowed)).toBe(true);
  });

  it('answers with citations of documents that exist', () => {
    const output = outcome.output!;
    expect(output.answer.length).toBeGreaterThan(0);
    expect(output.citations.length).toBeGreaterThan(0);
    for (const id of output.citations) {
      expect(team.corpus.documents.has(id)).toBe(true);
      expect(output.answer).toContain(`[${id}]`);
    }
    const cited = [...output.answer.matchAll(/\[([a-z0-9][a-z0-9-]*)\]/g)].map((m) => m[1]!);
    for (const id of cited) expect(team.corpus.documents.has(id), `cited ${id}`).toBe(true);
    expect(output.findings).toHaveLength(20);
  });

  it("denies the publisher's email, returns the refusal to its model, counts it, and the run goes on", () => {
    const denied = events.filter((e) => e.type === 'permission-checked' && !e.allowed);
    expect(
      denied.map((e) => e.type === 'permission-checked' && [e.agent, e.toolName, e.capabilities]),
    ).toEqual([['publisher', 'send_email', ['email:send']]]);
    expect(outcome.report.permissions.denied).toBe(1);
    expect(outcome.report.permissions.escaped).toBe(0);
    expect(outcome.report.permissions.byAgent.publisher).toMatchObject({
      attempted: 1,
      denied: 1,
      capabilities: [],
    });
    expect(outcome.report.metrics.permissionViolationRate).toBeGreaterThan(0);
    const refusal = requests
      .filter((r) => r.request.tools?.some((t) => t.name === 'send_email'))
      .flatMap((r) => r.request.messages)
      .flatMap((m) => (m.role === 'tool' ? m.content : []));
    expect(refusal[0]).toMatchObject({
      toolName: 'send_email',
      isError: true,
      output: { error: 'permission_denied' },
    });
    expect(team.outbox).toEqual([]);
    expect(outcome.output!.delivery).toMatch(/permission_denied|not sent/);
  });

  it('writes an audit log that verifies and records the denial', () => {
    const text = auditLines.join('');
    expect(verifyAuditLog(text).ok).toBe(true);
    const records = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
    const denied = records.filter((r) => r.decision === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ principal: 'demo-user', agent: 'publisher' });
    expect(records.filter((r) => r.decision === 'allowed')).toHaveLength(20);
  });

  it('sends no planted personal data or secret to any model', () => {
    expect(requests.length).toBe(outcome.report.totals.modelCalls);
    // The readers did receive the documents that hold them (minimized)…
    const toolResults = requests
      .map((r) => r.serialized)
      .filter((s) => s.includes('read_documents'))
      .join('\n');
    expect(toolResults).toContain('d21-check-in-calls-case-note');
    expect(toolResults).toContain('d11-heatline-integration-config');
    // …but not one planted value, in any spelling.
    const leaks = requests.flatMap((r, index) =>
      findSeededValues(r.serialized).map((s) => `request ${index} (${r.ref}): ${s.dataClass} ${s.value}`),
    );
    expect(leaks).toEqual([]);
    expect(seededSensitiveValues.length).toBeGreaterThanOrEqual(15);
  });

  it('shows what was minimized and a leakage rate of 0', () => {
    const findings = outcome.report.minimization.findings;
    expect(Object.values(findings).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(Object.values(outcome.report.minimization.leaked).reduce((a, b) => a + b, 0)).toBe(0);
    expect(outcome.report.metrics.dataLeakageRate).toBe(0);
  });

  it('reports totals equal to the sums over its tasks', () => {
    const report = outcome.report;
    const sum = sumTasks(report);
    expect(report.tasks).toHaveLength(22);
    expect(report.totals.tasks).toBe(sum.tasks);
    expect(report.totals.modelCalls).toBe(sum.modelCalls);
    expect(report.totals.toolCalls).toBe(sum.toolCalls);
    expect(report.totals.usage.inputTokens).toBe(sum.inputTokens);
    expect(report.totals.usage.outputTokens).toBe(sum.outputTokens);
    expect(report.totals.costUsd).toBeCloseTo(sum.costUsd, 9);
    const modelFinished = events.filter((e) => e.type === 'model-call-finished');
    expect(report.totals.modelCalls).toBe(modelFinished.length);
    expect(report.totals.usage.inputTokens).toBe(
      modelFinished.reduce((n, e) => n + (e.type === 'model-call-finished' ? e.usage.inputTokens : 0), 0),
    );
  });
});

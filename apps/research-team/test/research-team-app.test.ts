import { createOrchestrator, createRegistry, type RunEvent, type RunOutcome } from '@baton/core';
import { capabilityGate } from '@baton/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createResearchTeam,
  type ResearchTeamOutput,
  researchTeamApp,
  researchTeamGrants,
} from '../src/index.js';
import { maxRunning, sumTasks, tasksByAgent } from './__fixtures__/run-analysis.js';
import { scriptedTeamModel } from './__fixtures__/scripted-team-model.js';

describe('researchTeamApp.build', () => {
  it('returns the supervisor, the question, a principal that may only read the corpus, and limits', () => {
    const built = researchTeamApp.build({ model: 'local:default' });
    expect(researchTeamApp.name).toBe('research-team');
    expect(built.agent.name).toBe('supervisor');
    expect(built.agent.model).toBe('local:default');
    expect(built.input).toMatch(/Port Averill/);
    expect(built.principal).toEqual({ id: 'demo-user', grants: ['docs:read:/corpus/**'] });
    expect(built.principal.grants).not.toContain('email:send');
    expect(built.requireApproval).toEqual([]);
    expect(built.limits).toEqual({ concurrency: 20 });
  });

  it('passes the model reference to every agent', () => {
    const team = createResearchTeam({ model: 'openai:gpt-5.5' });
    expect([team.supervisor.model, team.reader.model, team.publisher.model]).toEqual([
      'openai:gpt-5.5',
      'openai:gpt-5.5',
      'openai:gpt-5.5',
    ]);
  });

  it('names a missing corpus folder', () => {
    expect(() => researchTeamApp.build({ model: 'local:default', corpusDir: '/nonexistent/corpus' })).toThrow(
      /no corpus manifest at \/nonexistent\/corpus\/manifest\.json/,
    );
  });
});

describe('a run with a scripted model', () => {
  const model = scriptedTeamModel();
  const team = createResearchTeam({ model: 'scripted:team' });
  const events: RunEvent[] = [];
  let outcome: RunOutcome<ResearchTeamOutput>;

  beforeAll(async () => {
    const orchestrator = createOrchestrator({
      registry: createRegistry({ providers: { scripted: () => model } }),
      permissions: capabilityGate(),
      principal: { id: 'demo-user', grants: researchTeamGrants },
      limits: { concurrency: 20 },
    });
    outcome = await orchestrator.run(team.supervisor, team.question, { onEvent: (e) => events.push(e) })
      .result;
  });

  it('succeeds with an answer citing documents that exist', () => {
    expect(outcome.status).toBe('succeeded');
    const output = outcome.output!;
    expect(output.citations.length).toBeGreaterThan(0);
    for (const id of output.citations) {
      expect(team.corpus.documents.has(id)).toBe(true);
      expect(output.answer).toContain(`[${id}]`);
    }
  });

  it('fans out one reader per group, concurrently, under the limit', () => {
    const readers = tasksByAgent(events).get('reader') ?? [];
    expect(readers).toHaveLength(20);
    const concurrent = maxRunning(events, readers);
    expect(concurrent).toBeGreaterThan(1);
    expect(concurrent).toBeLessThanOrEqual(20);
    const root = events.find((e) => e.type === 'run-started');
    const parents = events
      .filter((e) => e.type === 'task-queued' && e.agent === 'reader')
      .map((e) => e.type === 'task-queued' && e.parentId);
    expect(new Set(parents)).toEqual(new Set([root?.type === 'run-started' ? root.rootTaskId : 'none']));
    const output = outcome.output!;
    expect(output.findings.map((f) => f.group)).toEqual(team.corpus.groups.map((g) => g.group));
    for (const finding of output.findings) {
      expect(finding.citations.length).toBeGreaterThan(0);
      for (const id of finding.citations)
        expect(team.corpus.group(finding.group)!.documents.some((d) => d.id === id)).toBe(true);
    }
  });

  it('reads each group under a capability scoped to it', () => {
    const checks = events.filter((e) => e.type === 'permission-checked' && e.toolName === 'read_documents');
    expect(checks).toHaveLength(20);
    for (const check of checks) {
      if (check.type !== 'permission-checked') continue;
      expect(check.allowed).toBe(true);
      expect(check.capabilities).toHaveLength(1);
      expect(check.capabilities[0]).toMatch(/^docs:read:\/corpus\/[a-z0-9-]+$/);
    }
  });

  it('makes two coordination calls (plan and aggregate) and leaf calls for the rest', () => {
    const finished = events.filter((e) => e.type === 'model-call-finished');
    const coordination = finished.filter((e) => e.type === 'model-call-finished' && e.coordination);
    expect(coordination).toHaveLength(2);
    expect(finished.length).toBe(2 + 20 * 2 + 2);
  });

  it("denies the publisher's email, counts it, tells the model, and sends nothing", () => {
    const publisher = tasksByAgent(events).get('publisher') ?? [];
    expect(publisher).toHaveLength(1);
    const queued = events.find((e) => e.type === 'task-queued' && e.agent === 'publisher');
    expect(queued?.type === 'task-queued' && queued.capabilities).toEqual([]);
    const denied = events.filter((e) => e.type === 'permission-checked' && !e.allowed);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      toolName: 'send_email',
      agent: 'publisher',
      capabilities: ['email:send'],
    });
    expect(outcome.report.permissions.denied).toBe(1);
    expect(outcome.report.permissions.escaped).toBe(0);
    expect(team.outbox).toEqual([]);
    expect(outcome.output!.delivery).toMatch(/not sent/);
    const refusal = model.requests
      .flatMap((r) => r.messages)
      .flatMap((m) => (m.role === 'tool' ? m.content : []))
      .find((part) => part.toolName === 'send_email');
    expect(refusal).toMatchObject({ isError: true, output: { error: 'permission_denied' } });
  });

  it('reports totals equal to the sums over its tasks', () => {
    const report = outcome.report;
    const sum = sumTasks(report);
    expect(report.totals.tasks).toBe(sum.tasks);
    expect(report.totals.tasks).toBe(22);
    expect(report.totals.modelCalls).toBe(sum.modelCalls);
    expect(report.totals.toolCalls).toBe(sum.toolCalls);
    expect(report.totals.usage.inputTokens).toBe(sum.inputTokens);
    expect(report.totals.usage.outputTokens).toBe(sum.outputTokens);
    expect(report.totals.costUsd).toBeCloseTo(sum.costUsd, 9);
    expect(report.totals.maxConcurrency).toBeLessThanOrEqual(20);
  });
});

describe('a run whose principal may send email', () => {
  it('lets the publisher send: the denial comes from the grants, not from the tool', async () => {
    const model = scriptedTeamModel();
    const team = createResearchTeam({ model: 'scripted:team' });
    const orchestrator = createOrchestrator({
      registry: createRegistry({ providers: { scripted: () => model } }),
      permissions: capabilityGate(),
      principal: { id: 'mail-user', grants: [...researchTeamGrants, 'email:send'] },
      limits: { concurrency: 20 },
    });
    const supervisor = { ...team.supervisor, capabilities: [...researchTeamGrants, 'email:send'] };
    const { output, report } = await orchestrator.run(supervisor, team.question);
    expect(report.permissions.denied).toBe(0);
    expect(report.permissions.byAgent.publisher).toMatchObject({
      attempted: 1,
      denied: 0,
      capabilities: ['email:send'],
    });
    expect(team.outbox).toHaveLength(1);
    expect(team.outbox[0]).toMatchObject({
      to: 'programme-board@portaverill.gov',
      body: expect.stringContaining(output.answer),
    });
    expect(output.delivery).toBe('The summary was sent.');
  });
});

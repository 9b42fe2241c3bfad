import { createOrchestrator, createRegistry } from '@baton/core';
import { capabilityGate, minimizationPolicy } from '@baton/policy';
import { localProvider } from '@baton/provider-local';
import { expect, it } from 'vitest';
import { researchTeamApp } from '../src/index.js';

it('runs the README example', async () => {
  const { agent, input, principal, limits } = researchTeamApp.build({ model: 'local:default' });
  const gate = capabilityGate();
  const registry = createRegistry({ providers: { local: localProvider() } });
  const orchestrator = createOrchestrator({
    registry,
    policies: [minimizationPolicy({ permissions: gate })],
    permissions: gate,
    principal,
    limits,
  });
  const { output, report } = await orchestrator.run(agent, input);
  expect(output.answer).toMatch(/\[d\d\d-[a-z0-9-]+\]/);
  expect(output.citations.length).toBeGreaterThan(0);
  expect(report.permissions.denied).toBe(1);
});

import { CapabilitySet } from '../capability-set.js';
import type { AuditRecord } from './audit-record.js';
import { verifyAuditLog } from './verify-audit-log.js';

/** Allowed and denied counts. */
export interface DecisionCounts {
  allowed: number;
  denied: number;
}

/** One agent's permission review. */
export interface AgentAuditSummary {
  agent: string;
  /** Tasks of this agent that were granted capabilities. */
  tasks: number;
  /** Every capability its tasks held (union over tasks, as written, sorted). */
  capabilitiesHeld: string[];
  /** Tool-call permission checks. */
  calls: DecisionCounts;
  /** Per capability required by its calls. */
  byCapability: Record<string, DecisionCounts>;
  /** Per held grant: how many allowed calls it covered (least-privilege review). */
  grantsUsed: Record<string, number>;
  /** Held grants that covered no call: candidates to remove. */
  unusedGrants: string[];
  approvals: { requested: number; approved: number; rejected: number };
  /** The denied calls (tool, capability, reason), in log order. */
  denials: { task: string | null; tool: string | null; capability: string | null; reason: string }[];
}

/** A per-agent summary of an audit log. */
export interface AuditSummary {
  /** Whether the hash chain verified. */
  intact: boolean;
  /** The first broken record when not intact. */
  broken?: { index: number; line: number; reason: string };
  /** Records read (lines that parsed as JSON objects). */
  records: number;
  /** Lines that were not JSON objects. */
  unreadable: number;
  runs: string[];
  principals: string[];
  agents: AgentAuditSummary[];
}

/**
 * Summarizes an audit log per agent (a permission review): what each agent held, how many
 * of its calls were allowed and denied per capability, and its approvals. Also verifies the
 * chain; a broken log is still summarized (as far as it parses) with `intact: false`.
 */
export function summarizeAuditLog(text: string): AuditSummary {
  const verification = verifyAuditLog(text);
  const agents = new Map<string, AgentAuditSummary & { held: Set<string> }>();
  const runs = new Set<string>();
  // What each task held, to attribute allowed calls to the grant that covered them.
  const heldByTask = new Map<string, CapabilitySet | null>();
  const principals = new Set<string>();
  let records = 0;
  let unreadable = 0;
  const agentSummary = (name: string) => {
    let summary = agents.get(name);
    if (summary === undefined) {
      summary = {
        agent: name,
        tasks: 0,
        capabilitiesHeld: [],
        held: new Set(),
        calls: { allowed: 0, denied: 0 },
        byCapability: {},
        grantsUsed: {},
        unusedGrants: [],
        approvals: { requested: 0, approved: 0, rejected: 0 },
        denials: [],
      };
      agents.set(name, summary);
    }
    return summary;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: Partial<AuditRecord>;
    try {
      record = JSON.parse(line) as Partial<AuditRecord>;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError();
    } catch {
      unreadable++;
      continue;
    }
    records++;
    if (typeof record.runId === 'string') runs.add(record.runId);
    if (typeof record.principal === 'string') principals.add(record.principal);
    if (typeof record.agent !== 'string') continue;
    const summary = agentSummary(record.agent);
    const capabilities = Array.isArray(record.capabilities)
      ? record.capabilities.filter((c): c is string => typeof c === 'string')
      : [];
    switch (record.decision) {
      case 'granted':
        summary.tasks++;
        for (const capability of capabilities) summary.held.add(capability);
        heldByTask.set(`${record.runId}\u0000${record.task}`, setOf(capabilities));
        break;
      case 'allowed':
      case 'denied': {
        const key = record.decision;
        summary.calls[key]++;
        const counted = capabilities.length > 0 ? capabilities : ['(none)'];
        for (const capability of counted) {
          summary.byCapability[capability] ??= { allowed: 0, denied: 0 };
          summary.byCapability[capability][key]++;
        }
        if (key === 'allowed') {
          const held = heldByTask.get(`${record.runId}\u0000${record.task}`);
          for (const capability of capabilities) {
            const grant = held?.grantFor(capability);
            if (grant !== undefined) summary.grantsUsed[grant] = (summary.grantsUsed[grant] ?? 0) + 1;
          }
        }
        if (key === 'denied') {
          summary.denials.push({
            task: record.task ?? null,
            tool: record.tool ?? null,
            capability: record.capability ?? null,
            reason: String(record.reason ?? ''),
          });
        }
        break;
      }
      case 'approval-requested':
        summary.approvals.requested++;
        break;
      case 'approved':
        summary.approvals.approved++;
        break;
      case 'rejected':
        summary.approvals.rejected++;
        break;
      default:
        break;
    }
  }
  return {
    intact: verification.ok,
    ...(verification.ok
      ? {}
      : { broken: { index: verification.index, line: verification.line, reason: verification.reason } }),
    records,
    unreadable,
    runs: [...runs].sort(),
    principals: [...principals].sort(),
    agents: [...agents.values()]
      .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0))
      .map(({ held, ...summary }) => {
        const capabilitiesHeld = [...held].sort();
        return {
          ...summary,
          capabilitiesHeld,
          unusedGrants: capabilitiesHeld.filter((g) => !summary.grantsUsed[g]),
        };
      }),
  };
}

function setOf(capabilities: string[]): CapabilitySet | null {
  try {
    return CapabilitySet.of(capabilities);
  } catch {
    return null; // a tampered or foreign log: no attribution
  }
}

const MAX_LISTED = 12;

/** The summary as readable text (what `baton audit show` prints). */
export function formatAuditSummary(summary: AuditSummary): string {
  const out: string[] = [];
  out.push(
    `audit log: ${summary.records} records, ${summary.intact ? 'hash chain intact' : `hash chain BROKEN — ${summary.broken?.reason}`}`,
  );
  if (summary.unreadable > 0) out.push(`unreadable lines: ${summary.unreadable}`);
  out.push(`principals: ${summary.principals.join(', ') || '(none)'}   runs: ${summary.runs.length}`);
  for (const agent of summary.agents) {
    out.push('');
    out.push(`agent ${agent.agent} (${agent.tasks} task${agent.tasks === 1 ? '' : 's'})`);
    out.push(`  held: ${agent.capabilitiesHeld.join(', ') || '(nothing)'}`);
    out.push(`  calls: ${agent.calls.allowed} allowed, ${agent.calls.denied} denied`);
    const used = Object.entries(agent.grantsUsed).map(([grant, count]) => `${grant} (${count})`);
    if (used.length > 0) out.push(`  grants used: ${used.join(', ')}`);
    if (agent.unusedGrants.length > 0) out.push(`  unused grants: ${agent.unusedGrants.join(', ')}`);
    // Denied first, then the busiest; long lists are cut (the JSON form has them all).
    const entries = Object.entries(agent.byCapability).sort(
      ([a, x], [b, y]) => y.denied - x.denied || y.allowed - x.allowed || (a < b ? -1 : a > b ? 1 : 0),
    );
    const shown = entries.slice(0, MAX_LISTED);
    const width = Math.max(0, ...shown.map(([name]) => name.length));
    for (const [name, counts] of shown) {
      out.push(`    ${name.padEnd(width)}  ${counts.allowed} allowed  ${counts.denied} denied`);
    }
    if (entries.length > shown.length)
      out.push(`    … ${entries.length - shown.length} more (--json lists all)`);
    const { requested, approved, rejected } = agent.approvals;
    if (requested + approved + rejected > 0) {
      out.push(`  approvals: ${requested} requested, ${approved} approved, ${rejected} rejected`);
    }
    for (const denial of agent.denials) {
      out.push(
        `  denied ${denial.tool ?? '?'} (${denial.capability ?? '-'}) in ${denial.task ?? '?'}: ${denial.reason}`,
      );
    }
  }
  // Names and reasons may come from a model: never let them drive the terminal.
  return `${out.join('\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

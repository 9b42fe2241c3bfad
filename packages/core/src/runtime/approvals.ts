import { randomUUID } from 'node:crypto';
import type { RunEventStream } from './event-stream.js';
import type { CancellationSignal } from './task-cancellation.js';

interface Pending {
  taskId: string;
  events: RunEventStream;
  settle(approved: boolean, by: 'user' | 'timeout' | 'cancel'): void;
}

/**
 * Human-in-the-loop approvals. Each request gets an unguessable id bound to one tool call
 * (its arguments digest is in the `approval-requested` event); an id resolves once, so an
 * approval cannot be replayed for another call.
 */
export class ApprovalRegistry {
  private readonly pending = new Map<string, Pending>();

  /** Waits for `approve(id)` / `deny(id)`; a timeout or cancellation denies. */
  request(
    events: RunEventStream,
    call: { taskId: string; toolName: string; capabilities: string[]; argsDigest: string },
    timeoutMs: number,
    signal: CancellationSignal,
  ): Promise<boolean> {
    const approvalId = `apr_${randomUUID()}`;
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => entry.settle(false, 'cancel');
      const entry: Pending = {
        taskId: call.taskId,
        events,
        settle: (approved, by) => {
          if (!this.pending.delete(approvalId)) return;
          if (timer) clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          events.emit({ type: 'approval-resolved', approvalId, taskId: call.taskId, approved, by });
          resolve(approved);
        },
      };
      this.pending.set(approvalId, entry);
      events.emit({ type: 'approval-requested', approvalId, ...call });
      if (signal.aborted) return entry.settle(false, 'cancel');
      signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => entry.settle(false, 'timeout'), timeoutMs);
    });
  }

  /** Approves a pending request; false when the id is unknown or already used. */
  approve(approvalId: string): boolean {
    const entry = this.pending.get(approvalId);
    if (!entry) return false;
    entry.settle(true, 'user');
    return true;
  }

  /** Denies a pending request; false when the id is unknown or already used. */
  deny(approvalId: string): boolean {
    const entry = this.pending.get(approvalId);
    if (!entry) return false;
    entry.settle(false, 'user');
    return true;
  }

  /** Ids waiting for a decision. */
  list(): string[] {
    return [...this.pending.keys()];
  }
}

import type { BudgetLedger, Reservation } from '../budget/budget-ledger.js';
import type { Budget } from '../contracts/budget.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';

/**
 * A run-level ledger that fails fast: the default when no ledger is configured. With no
 * caps it does no bookkeeping beyond two additions per call.
 */
export function createSimpleLedger(options: { run?: Budget }): BudgetLedger {
  const caps = options.run ?? {};
  let tokens = 0;
  let costUsd = 0;
  let modelCalls = 0;
  let next = 0;
  return {
    open() {},
    close() {},
    reserve(request): Reservation {
      if (caps.tokens !== undefined && tokens + request.tokens > caps.tokens) {
        throw new BudgetExceededError('run.tokens', caps.tokens, tokens + request.tokens);
      }
      if (caps.costUsd !== undefined && costUsd + request.costUsd > caps.costUsd) {
        throw new BudgetExceededError('run.costUsd', caps.costUsd, costUsd + request.costUsd);
      }
      if (caps.modelCalls !== undefined && modelCalls + 1 > caps.modelCalls) {
        throw new BudgetExceededError('run.modelCalls', caps.modelCalls, modelCalls + 1);
      }
      tokens += request.tokens;
      costUsd += request.costUsd;
      modelCalls++;
      let open = true;
      return {
        id: `r${++next}`,
        tokens: request.tokens,
        costUsd: request.costUsd,
        settle(actual) {
          if (!open) return;
          open = false;
          tokens += Math.min(actual.tokens, request.tokens) - request.tokens;
          costUsd += Math.min(actual.costUsd, request.costUsd) - request.costUsd;
        },
        release() {
          if (!open) return;
          open = false;
          tokens -= request.tokens;
          costUsd -= request.costUsd;
          modelCalls--;
        },
      };
    },
  };
}

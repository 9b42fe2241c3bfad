/** The outcome of checking required capabilities against a held set. */
export interface PermissionCheck {
  allowed: boolean;
  /** Why, in one line (e.g. `no grant covers fs:write:/etc/passwd`). */
  reason: string;
  /** The first required capability that was not covered. */
  denied?: string;
  /** Normalized form of each required capability, when normalization applies. */
  normalized?: (string | null)[];
  /** Capabilities that are covered but need a human approval first. */
  needsApproval?: string[];
}

/**
 * Decides what a task may do. `@baton/policy` provides the real one (`capabilityGate()`);
 * core only calls it. Implementations must never return a set wider than `parent`.
 */
export interface PermissionGate {
  /** Capabilities for a delegated child: at most `parent ∩ requested`. */
  attenuate(parent: readonly string[], requested: readonly string[] | undefined): readonly string[];
  /** Whether `held` covers every capability in `required`. */
  check(held: readonly string[], required: readonly string[]): PermissionCheck;
}

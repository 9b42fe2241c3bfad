/**
 * A parsed capability `resource:action[:scope]`. `scope` is undefined for an unscoped
 * capability (which stands for the whole `resource:action`).
 */
export interface Capability {
  /** Lowercase `[a-z0-9_.-]+`, or `*` for any resource. */
  readonly resource: string;
  /** Lowercase `[a-z0-9_.-]+`, or `*` for any action. */
  readonly action: string;
  /** Everything after the second colon (may contain colons); undefined when absent. */
  readonly scope: string | undefined;
  /** The capability as written. */
  readonly text: string;
}

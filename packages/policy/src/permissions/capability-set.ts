import { ValidationError } from '@baton/core/contracts';
import { type CapabilityRequest, parseCapabilityRequest } from './capability-request.js';
import { type CoverResult, decide, grantCovers } from './covers.js';
import { type Grant, parseGrant } from './grant.js';
import { grantContains, intersectGrants } from './grant-relations.js';

/**
 * An immutable set of grants. It can only shrink: `intersect` (pattern intersection) and
 * `difference`; there is no union and no operation that widens a set.
 */
export class CapabilitySet implements Iterable<string> {
  /** The empty set: covers nothing. */
  static readonly empty: CapabilitySet = new CapabilitySet([]);

  readonly #grants: readonly Grant[];
  readonly #texts: readonly string[];

  private constructor(grants: readonly Grant[]) {
    const unique = new Map<string, Grant>();
    for (const grant of grants)
      if (!unique.has(grant.capability.text)) unique.set(grant.capability.text, grant);
    this.#grants = Object.freeze([...unique.values()]);
    this.#texts = Object.freeze([...unique.keys()]);
    Object.freeze(this);
  }

  /** Parses grants into a set (duplicates dropped). Throws `ValidationError` naming an invalid grant. */
  static of(capabilities: Iterable<string> | CapabilitySet): CapabilitySet {
    if (capabilities instanceof CapabilitySet) return capabilities;
    if (typeof capabilities === 'string') {
      throw new ValidationError(`expected a list of capabilities, got the string '${capabilities}'`);
    }
    const grants: Grant[] = [];
    for (const text of capabilities) grants.push(parseGrant(text));
    return grants.length === 0 ? CapabilitySet.empty : new CapabilitySet(grants);
  }

  /** Number of grants. */
  get size(): number {
    return this.#grants.length;
  }

  /** The grants as strings, in order. */
  toArray(): readonly string[] {
    return this.#texts;
  }

  toJSON(): readonly string[] {
    return this.#texts;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.#texts[Symbol.iterator]();
  }

  /** The parsed grants. */
  grants(): readonly Grant[] {
    return this.#grants;
  }

  /** Whether `capability` is one of the grants as written. */
  has(capability: string): boolean {
    return this.#texts.includes(capability);
  }

  /** Checks an untrusted request (normalized first). Throws `ValidationError` when it is not a capability. */
  check(request: string | CapabilityRequest): CoverResult {
    return decide(this.#grants, typeof request === 'string' ? parseCapabilityRequest(request) : request);
  }

  /** The first grant (as written) that covers an untrusted request, or undefined (also for invalid input). */
  grantFor(request: string | CapabilityRequest): string | undefined {
    let parsed: CapabilityRequest;
    try {
      parsed = typeof request === 'string' ? parseCapabilityRequest(request) : request;
    } catch {
      return undefined;
    }
    return this.#grants.find((grant) => grantCovers(grant, parsed))?.capability.text;
  }

  /** Whether the set covers an untrusted request (see `check` for the reason). */
  includes(request: string | CapabilityRequest): boolean {
    return this.check(request).allowed;
  }

  /** Whether some grant of this set contains the whole pattern `capability` (a grant, used as written). */
  contains(capability: string): boolean {
    const inner = parseGrant(capability);
    return this.#grants.some((grant) => grantContains(grant, inner));
  }

  /**
   * What both sets cover: the pairwise pattern intersection of their grants, without
   * grants another result grant already contains. Never wider than either side.
   */
  intersect(other: CapabilitySet | Iterable<string>): CapabilitySet {
    const that = CapabilitySet.of(other);
    const out: Grant[] = [];
    for (const b of that.#grants) {
      for (const a of this.#grants) {
        for (const grant of intersectGrants(a, b)) {
          if (out.some((kept) => grantContains(kept, grant))) continue;
          for (let k = out.length - 1; k >= 0; k--) if (grantContains(grant, out[k]!)) out.splice(k, 1);
          out.push(grant);
        }
      }
    }
    return out.length === 0 ? CapabilitySet.empty : new CapabilitySet(out);
  }

  /**
   * The grants of this set that `other` does not wholly contain (e.g. "what did attenuation
   * take away?"). A subset of this set's grants.
   */
  difference(other: CapabilitySet | Iterable<string>): CapabilitySet {
    const that = CapabilitySet.of(other);
    const kept = this.#grants.filter((grant) => !that.#grants.some((held) => grantContains(held, grant)));
    return kept.length === this.#grants.length
      ? this
      : kept.length === 0
        ? CapabilitySet.empty
        : new CapabilitySet(kept);
  }

  /** Whether every grant of `other` is contained in some grant of this set. */
  containsAll(other: CapabilitySet | Iterable<string>): boolean {
    return CapabilitySet.of(other).difference(this).size === 0;
  }
}

/**
 * A delegated child's capabilities: `parent ∩ requested` (pattern intersection). When the
 * child requests nothing (`undefined`) it inherits the parent's set; an empty request gets
 * an empty set. Never wider than `parent`.
 */
export function attenuate(
  parent: CapabilitySet | Iterable<string>,
  requested: CapabilitySet | Iterable<string> | undefined,
): CapabilitySet {
  const held = CapabilitySet.of(parent);
  return requested === undefined ? held : held.intersect(requested);
}

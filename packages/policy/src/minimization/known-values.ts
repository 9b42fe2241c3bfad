/** A sensitive value already detected in this run, and where it was matched. */
export interface KnownOccurrence {
  start: number;
  end: number;
  value: string;
  dataClass: string;
}

const MIN_LENGTH = 3;

/**
 * The sensitive values a run has detected so far, matched anywhere they appear again as a
 * whole token: a name found once from context ("Ms Okafor") is also replaced where it stands
 * without context ("Okafor (chair)"), and the egress monitor finds values in the JSON-escaped
 * wire form too. One regex over all values, rebuilt when a value is added.
 */
export class KnownValues {
  readonly #forms = new Map<string, { value: string; dataClass: string }>();
  #pattern: RegExp | undefined;
  #built = -1;
  /** Bumped whenever a value is added (caches keyed on it go stale). */
  generation = 0;

  /** Registers a value; returns false when it was known already or is too short to match safely. */
  add(value: string, dataClass: string): boolean {
    if (value.length < MIN_LENGTH || this.#forms.has(value)) return false;
    this.#forms.set(value, { value, dataClass });
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value && !this.#forms.has(escaped)) this.#forms.set(escaped, { value, dataClass });
    this.generation++;
    return true;
  }

  get size(): number {
    return this.#forms.size;
  }

  /** Every occurrence of a known value in `text`, left to right, non-overlapping (longest first). */
  occurrences(text: string): KnownOccurrence[] {
    if (this.#forms.size === 0) return [];
    const pattern = this.#compile();
    const out: KnownOccurrence[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const entry = this.#forms.get(m[0])!;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        value: entry.value,
        dataClass: entry.dataClass,
      });
    }
    return out;
  }

  clear(): void {
    this.#forms.clear();
    this.#pattern = undefined;
    this.generation++;
  }

  #compile(): RegExp {
    if (this.#pattern === undefined || this.#built !== this.generation) {
      const alternatives = [...this.#forms.keys()]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
      // Whole tokens only ("Ann" is not in "Annual"); a JSON escape (`\n`) before a value is no letter.
      this.#pattern = new RegExp(
        `(?<!(?<!\\\\)[\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`,
        'gu',
      );
      this.#built = this.generation;
    }
    return this.#pattern;
  }
}

/**
 * Bounds on what reading a `.str` may cost, so that a hostile file (a ZIP bomb, lying size
 * fields, millions of members) is refused with a `StrFormatError` before it fills memory.
 *
 * The defaults leave room for every real stream seen (the largest public one holds 65 MB of
 * members, none compresses beyond 50:1) and refuse what no Modeler stream looks like.
 */
export interface StrLimits {
  /** Size of the `.str` file itself. */
  readonly maxFileBytes: number;
  /** ZIP members (Modeler writes one per model container; 34 is the most seen). */
  readonly maxMembers: number;
  /** Uncompressed size of one member (ZIP member or SCF chunk). */
  readonly maxMemberBytes: number;
  /** Uncompressed bytes inflated in total while reading one file (members, SCF chunks, nested ZIPs). */
  readonly maxTotalBytes: number;
  /** Uncompressed / compressed size of one member or chunk, checked above `ratioFloorBytes`. */
  readonly maxCompressionRatio: number;
  /** Members smaller than this are not held to the ratio (tiny members compress very well). */
  readonly ratioFloorBytes: number;
  /** Chunks in one SCF member. */
  readonly maxScfChunks: number;
  /** Deepest element nesting in the stream document. */
  readonly maxXmlDepth: number;
}

export const DEFAULT_STR_LIMITS: Readonly<StrLimits> = Object.freeze({
  maxFileBytes: 1 << 30,
  maxMembers: 10_000,
  maxMemberBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 1000,
  ratioFloorBytes: 1024 * 1024,
  maxScfChunks: 100_000,
  maxXmlDepth: 10_000,
});

export function strLimits(overrides: Partial<StrLimits> = {}): StrLimits {
  return { ...DEFAULT_STR_LIMITS, ...overrides };
}

/** Counts inflated bytes against `maxTotalBytes` across one read. */
export class InflateBudget {
  private used = 0;

  constructor(readonly limits: StrLimits) {}

  /** Reserves `bytes`; false when the total would pass the limit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limits.maxTotalBytes) return false;
    this.used += bytes;
    return true;
  }

  get total(): number {
    return this.used;
  }
}

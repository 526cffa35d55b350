/** Replaces (or appends) the section `name` of BENCHMARKS.md with `lines`. */
export function writeBenchmarkSection(name: string, lines: readonly string[]): void;

/** "Did you mean" candidates for misspelt field and function names. */

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** Up to three candidates: same name in another case first, then the nearest by edit distance. */
export function closest(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const sameCase = candidates.filter((c) => c.toLowerCase() === lower);
  if (sameCase.length > 0) return sameCase.slice(0, 3);
  const limit = Math.max(2, Math.floor(name.length / 3));
  return candidates
    .map((c) => [c, editDistance(lower, c.toLowerCase())] as const)
    .filter(([, d]) => d <= limit)
    .sort((x, y) => x[1] - y[1])
    .slice(0, 3)
    .map(([c]) => c);
}

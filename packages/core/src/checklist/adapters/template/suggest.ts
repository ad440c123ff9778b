/** Edit distance between two strings (insertions, deletions, substitutions). */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
};

/** The candidate closest to `word` (case-insensitive), when it is close enough to be a likely typo. */
export const closestMatch = (word: string, candidates: Iterable<string>): string | undefined => {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
};

/** " (did you mean X?)"-style hint text, or the fallback. */
export const didYouMean = (word: string, candidates: Iterable<string>, fallback: string): string => {
  const match = closestMatch(word, candidates);
  return match ? `did you mean ${match}?` : fallback;
};

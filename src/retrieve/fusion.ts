/** One ranked list handed to fusion: best first, with the list's own scores. */
export interface RankedList {
  /** Name shown in explanations (`keyword`, `vector`, `substring`). */
  name: string;
  /** Relative trust in this list. 0 disables it. */
  weight: number;
  /** Items best first. Scores are only used by convex fusion (higher = better). */
  items: { id: number; score: number }[];
}

/** How one list contributed to a fused score. */
export interface ListContribution {
  /** 1-based rank in that list. */
  rank: number;
  /** The list's own score (BM25 as a positive number, cosine similarity…). */
  score: number;
  /** What this list added to the fused score. */
  contribution: number;
}

/** A fused item with the trace `--explain` prints. */
export interface FusedItem {
  id: number;
  score: number;
  lists: Record<string, ListContribution>;
}

/** Fusion methods: reciprocal rank fusion, or a weighted sum of min-max normalised scores. */
export type FusionOptions = { method: 'rrf'; k: number } | { method: 'convex' };

/**
 * Default fusion: convex (weighted min-max normalised scores). Measured on SciFact with the local
 * embedder (bench/fusion-scifact.mjs): RRF, at any vector weight from 1 down to 0.2, scored below
 * keyword search alone, because rank fusion gives a weak list's noise the same say as a strong
 * list's confident hits; convex fusion keeps score gaps and lifts keyword search a little.
 */
export const DEFAULT_FUSION: FusionOptions = { method: 'convex' };


/**
 * Fuses ranked lists into one, best first. Pure and deterministic: ties are broken by the best
 * rank reached in any list, then by id.
 *
 * - `rrf`: score = Σ weight / (k + rank). Uses ranks only, so lists with incomparable scores mix
 *   safely.
 * - `convex`: score = Σ w · (s − min) / (max − min) per list, where w is the list's weight divided
 *   by the total weight of the non-empty lists, so scores lie in [0, 1]; an item missing from a
 *   list gets 0 from it. Keeps score gaps, so one list's confident top hit is not diluted by another
 *   list's noise.
 */
export function fuseRankings(lists: RankedList[], options: FusionOptions = DEFAULT_FUSION): FusedItem[] {
  const fused = new Map<number, FusedItem & { bestRank: number }>();
  // Convex weights are shared out over the lists that returned something, so a fused score
  // stays in [0, 1] (1 = best in every list) whichever lists ran.
  const convexTotal = lists.reduce((sum, list) => (list.weight > 0 && list.items.length > 0 ? sum + list.weight : sum), 0);
  for (const list of lists) {
    if (list.weight <= 0 || list.items.length === 0) continue;
    let min = Infinity;
    let max = -Infinity;
    for (const item of list.items) {
      if (item.score < min) min = item.score;
      if (item.score > max) max = item.score;
    }
    const range = max - min;
    list.items.forEach((item, position) => {
      const rank = position + 1;
      const contribution =
        options.method === 'rrf'
          ? list.weight / (options.k + rank)
          : (list.weight / convexTotal) * (range > 0 ? (item.score - min) / range : 1);
      let entry = fused.get(item.id);
      if (!entry) {
        entry = { id: item.id, score: 0, lists: {}, bestRank: rank };
        fused.set(item.id, entry);
      }
      if (entry.lists[list.name]) return; // a list naming an id twice counts once, at its best rank
      entry.score += contribution;
      entry.bestRank = Math.min(entry.bestRank, rank);
      entry.lists[list.name] = { rank, score: item.score, contribution };
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || a.id - b.id)
    .map(({ id, score, lists: contributions }) => ({ id, score, lists: contributions }));
}

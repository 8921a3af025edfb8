/**
 * Cross-city benchmarks of one catalogue indicator (issue #16): the distribution of the cities'
 * latest published values, one city's percentile in it, and the per-capita view for counts.
 * Pure: no database, no framework. The caller passes only published register entries of the same
 * catalogue key (custom indicators never reach here unless mapped to a key).
 */

/** Per-capita values are per this many residents. */
export const PER_CAPITA_BASE = 100_000;

export type Distribution = {
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
};

/**
 * The p-quantile (0 ≤ p ≤ 1) of values sorted ascending, by linear interpolation between the closest
 * ranks (the usual "type 7" of R and NumPy's default). Null for no values.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return quantileOfNonEmpty(sorted, p);
}

function quantileOfNonEmpty(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be within 0..1, got ${p}`);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Five-number summary (minimum, quartiles, median, maximum); null when there are no finite values. */
export function distributionOf(values: readonly number[]): Distribution | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    count: sorted.length,
    min: sorted[0],
    q1: quantileOfNonEmpty(sorted, 0.25),
    median: quantileOfNonEmpty(sorted, 0.5),
    q3: quantileOfNonEmpty(sorted, 0.75),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Where `value` stands among `values` (which include it), as a percentile rank 0–100: the share of
 * values below it plus half the share equal to it (the mid-rank definition, so ties share a rank and a
 * lone city sits at 50). Null when there are no values.
 */
export function percentileRank(values: readonly number[], value: number): number | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0 || !Number.isFinite(value)) return null;
  return rankAmong(finite, value);
}

function rankAmong(finite: readonly number[], value: number): number {
  const below = finite.filter((v) => v < value).length;
  const equal = finite.filter((v) => v === value).length;
  return ((below + equal / 2) / finite.length) * 100;
}

/** `value` per PER_CAPITA_BASE residents; null when the population is unknown or not positive. */
export function perCapita(value: number, population: number | null | undefined): number | null {
  if (population === null || population === undefined || !(population > 0)) return null;
  return (value * PER_CAPITA_BASE) / population;
}

/** Per-capita normalisation makes sense only for indicators that count things. */
export function isPerCapitaEligible(unitFamily: string): boolean {
  return unitFamily === "count";
}

export type BenchmarkInput<C> = {
  city: C;
  cityId: string;
  value: number;
  measuredOn: string;
  population: number | null;
};

export type BenchmarkRow<C> = BenchmarkInput<C> & {
  /** Null unless the indicator is a count and the city entered its population. */
  perCapitaValue: number | null;
  /** True for a count indicator whose city has not entered its population (left out of per capita). */
  populationMissing: boolean;
  percentile: number;
};

export type IndicatorBenchmark<C> = {
  rows: BenchmarkRow<C>[];
  distribution: Distribution | null;
  perCapita: { base: number; distribution: Distribution | null; excludedForMissingPopulation: number } | null;
};

/**
 * The benchmark of one indicator over the cities' values, sorted by value (ascending), each row
 * with its percentile; for count indicators also the distribution per PER_CAPITA_BASE residents over
 * the cities that entered their population (the others are flagged, never estimated).
 */
export function buildIndicatorBenchmark<C>(entries: readonly BenchmarkInput<C>[], unitFamily: string): IndicatorBenchmark<C> {
  const usable = entries.filter((e) => Number.isFinite(e.value));
  const values = usable.map((e) => e.value);
  const eligible = isPerCapitaEligible(unitFamily);
  const rows = usable
    .map((e) => {
      const perCapitaValue = eligible ? perCapita(e.value, e.population) : null;
      return {
        ...e,
        perCapitaValue,
        populationMissing: eligible && perCapitaValue === null,
        percentile: rankAmong(values, e.value),
      };
    })
    .sort((a, b) => a.value - b.value || a.cityId.localeCompare(b.cityId));
  const perCapitaValues = rows.flatMap((r) => (r.perCapitaValue === null ? [] : [r.perCapitaValue]));
  return {
    rows,
    distribution: distributionOf(values),
    perCapita: eligible
      ? {
          base: PER_CAPITA_BASE,
          distribution: distributionOf(perCapitaValues),
          excludedForMissingPopulation: rows.filter((r) => r.populationMissing).length,
        }
      : null,
  };
}

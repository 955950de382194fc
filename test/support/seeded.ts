/**
 * A seeded pseudo-random generator (mulberry32): the reliability specs print their seed, and
 * `KPI_TEST_SEED=<seed>` replays a failing run exactly.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: KPI_TEST_SEED if set, else the spec's default; printed either way. */
export function testSeed(spec: string, fallback: number): number {
  const raw = process.env.KPI_TEST_SEED;
  const seed = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`KPI_TEST_SEED=${raw} is not an integer`);
  console.log(`${spec}: seed ${seed} (replay with KPI_TEST_SEED=${seed})`);
  return seed;
}

// Quantities are decimals (1.5 hours); sums in binary floating point drift (0.1 + 0.2).
// Every number a user sees passes through here, so totals are exact to the last credit shown.

const SCALE = 1e6;

export const roundQuantity = (x: number): number => {
  const r = Math.round(x * SCALE) / SCALE;
  return Object.is(r, -0) ? 0 : r;
};

export const sumQuantities = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return roundQuantity(total);
};

/**
 * Exact decimal arithmetic on JSON numbers, for the few sums validated at intake.
 * A JSON number arrives as the nearest double; its shortest string form (what `String(n)`
 * prints) is the decimal the lender wrote, so sums are done on that, scaled to integers.
 * 0.1 + 0.2 === 0.3 holds here.
 */

export interface Scaled {
  /** The value times 10^scale, exactly. */
  units: bigint;
  scale: number;
}

export function toScaled(value: number): Scaled {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (match === null) throw new RangeError(`Unexpected number form: ${String(value)}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = match;
  let digits = int + frac;
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { units: BigInt(sign + digits), scale };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Compare Σ parts with total exactly: negative, zero or positive like a comparator. */
export function compareSum(parts: ReadonlyArray<number>, total: number): number {
  const scaled = parts.map(toScaled);
  const t = toScaled(total);
  const scale = Math.max(t.scale, ...scaled.map((s) => s.scale));
  const sum = scaled.reduce((acc, s) => acc + rescale(s, scale), 0n);
  const target = rescale(t, scale);
  return sum === target ? 0 : sum < target ? -1 : 1;
}

/** Exact sum as a decimal string (no exponent), for messages. */
export function sumToString(parts: ReadonlyArray<number>): string {
  const scaled = parts.map(toScaled);
  const scale = Math.max(0, ...scaled.map((s) => s.scale));
  const sum = scaled.reduce((acc, s) => acc + rescale(s, scale), 0n);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

// Kubernetes resource quantities (apimachinery resource.Quantity), parsed and formatted by us.
// client-node's quantityToScalar throws on fractional binary units ("1.5Gi"), which real objects use.
//
// Grammar (from k8s.io/apimachinery/pkg/api/resource/quantity.go):
//   <quantity> ::= <sign>? <number> <suffix>?
//   <number>   ::= <digits> | <digits>.<digits>? | .<digits>
//   <suffix>   ::= n | u | m | k | M | G | T | P | E | Ki | Mi | Gi | Ti | Pi | Ei | (e|E) <sign>? <digits>

/** Decimal SI suffixes as powers of ten. */
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Binary SI suffixes as powers of 1024. */
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE])([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

export type QuantityKind = 'cpu' | 'memory' | 'count';

interface Parsed {
  sign: '' | '-';
  /** Digits with the decimal point, e.g. "1.5". */
  number: string;
  /** Power of ten to apply (decimal suffix or exponent). */
  exp10: number;
  /** Power of 1024 to apply (binary suffix). */
  exp1024: number;
}

function parseParts(s: string): Parsed | undefined {
  if (typeof s !== 'string') return undefined;
  const m = QUANTITY.exec(s);
  if (!m) return undefined;
  const [, sign, number, expMark, expDigits, suffix] = m;
  let exp10 = 0;
  let exp1024 = 0;
  if (expMark !== undefined) exp10 = Number(expDigits);
  else if (suffix !== undefined && suffix in BINARY) exp1024 = BINARY[suffix];
  else exp10 = DECIMAL[suffix ?? ''];
  return { sign: sign === '-' ? '-' : '', number, exp10, exp1024 };
}

/**
 * The value in base units scaled by 10^shift. Decimal scaling goes through the number's text
 * ("100e-3") so 100m is exactly 0.1, not 100 * 0.001; binary scaling multiplies by a power of two (exact).
 */
function valueOf(p: Parsed, shift: number): number {
  const text = `${p.sign}${p.number.endsWith('.') ? p.number.slice(0, -1) : p.number}e${p.exp10 + shift}`;
  const v = Number(text) * 1024 ** p.exp1024;
  return v === 0 ? 0 : v; // no -0
}

/** Parses any Kubernetes quantity into base units (cores for cpu, bytes for memory). Throws on malformed input. */
export function parseQuantity(s: string): number {
  const p = parseParts(s);
  if (!p) throw new Error(`invalid quantity ${JSON.stringify(String(s))}`);
  const v = valueOf(p, 0);
  if (!Number.isFinite(v)) throw new Error(`quantity out of range ${JSON.stringify(s)}`);
  return v;
}

/** Like parseQuantity, but undefined for missing or malformed input (cluster data is untrusted). */
export function tryParseQuantity(s: string | number | undefined | null): number | undefined {
  if (typeof s === 'number') return Number.isFinite(s) ? s : undefined;
  if (typeof s !== 'string') return undefined;
  const p = parseParts(s);
  if (!p) return undefined;
  const v = valueOf(p, 0);
  return Number.isFinite(v) ? v : undefined;
}

/** CPU quantity in millicores, unrounded ("250m" → 250, "1.5" → 1500, "123456n" → 0.123456). Throws on malformed input. */
export function cpuToMilli(s: string): number {
  const p = parseParts(s);
  if (!p) throw new Error(`invalid quantity ${JSON.stringify(String(s))}`);
  return valueOf(p, 3);
}

/** Memory quantity in whole bytes, rounded up like Quantity.Value() ("1.5Ki" → 1536, "100m" → 1). Throws on malformed input. */
export function memToBytes(s: string): number {
  return ceilClean(parseQuantity(s));
}

/** Math.ceil that ignores float noise just above an integer (12.000000000001 → 12). */
function ceilClean(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-9 * Math.max(1, Math.abs(v)) ? r : Math.ceil(v);
}

const Ki = 1024;
const Mi = Ki * 1024;
const Gi = Mi * 1024;
const Ti = Gi * 1024;
const Pi = Ti * 1024;
const Ei = Pi * 1024;
const BINARY_UNITS: Array<[string, number]> = [
  ['Ei', Ei],
  ['Pi', Pi],
  ['Ti', Ti],
  ['Gi', Gi],
  ['Mi', Mi],
  ['Ki', Ki],
];

/** Like kubectl top's CPU column: MilliValue() (rounded up) with an "m" suffix. 12 → "12m". */
export function formatCpuMilli(milli: number): string {
  if (!Number.isFinite(milli)) return 'n/a';
  return `${ceilClean(milli)}m`;
}

/** Like kubectl top's MEMORY column: whole mebibytes (Value()/2^20, truncated). 47185920 → "45Mi". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  return `${Math.trunc(ceilClean(bytes) / Mi)}Mi`;
}

/** Which unit family a quota/resource name uses: "requests.cpu" → cpu, "limits.memory" → memory, "pods" → count. */
export function quantityKind(resource: string): QuantityKind {
  const base = resource.replace(/^(requests|limits)\./, '');
  if (base === 'cpu') return 'cpu';
  if (base === 'memory' || base === 'storage' || base === 'ephemeral-storage' || base.startsWith('hugepages-')) return 'memory';
  return 'count';
}

/**
 * Canonical text the way the API server prints quantities (kubectl describe quota): cpu as whole
 * cores ("2") or millicores ("1200m"); memory with the largest binary suffix that divides it exactly
 * ("2Gi", "1152Mi"), else plain bytes; counts as integers.
 */
export function formatQuantity(value: number, kind: QuantityKind): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (kind === 'cpu') {
    const milli = ceilClean(value * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (kind === 'memory') {
    const bytes = ceilClean(value);
    if (bytes === 0) return '0';
    for (const [unit, size] of BINARY_UNITS) {
      if (bytes % size === 0) return `${bytes / size}${unit}`;
    }
    return String(bytes);
  }
  return String(ceilClean(value));
}

/** Short human text for narrow places (the header): cpu "1.2", "0.25"; memory "1.1Gi", "512Mi"; counts "7". */
export function formatCompact(value: number, kind: QuantityKind): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (kind === 'cpu') return trimNumber(value, value < 1 ? 2 : 1);
  if (kind === 'memory') {
    const [unit, size] = memoryUnit(value);
    return `${trimNumber(value / size, 1)}${unit}`;
  }
  return String(Math.round(value));
}

/** "used/hard" sharing one unit, the unit taken from hard: cpu "1.2/2", memory "1.1/2Gi", pods "7/20". */
export function formatUsedHard(used: number, hard: number, kind: QuantityKind): string {
  if (kind === 'memory') {
    const [unit, size] = memoryUnit(hard > 0 ? hard : used);
    return `${trimNumber(used / size, 1)}/${trimNumber(hard / size, 1)}${unit}`;
  }
  return `${formatCompact(used, kind)}/${formatCompact(hard, kind)}`;
}

function memoryUnit(bytes: number): [string, number] {
  const abs = Math.abs(bytes);
  for (const [unit, size] of BINARY_UNITS) if (abs >= size) return [unit, size];
  return ['', 1];
}

/** At most `digits` decimals, without trailing zeros: 1.20 → "1.2", 2.00 → "2". */
function trimNumber(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

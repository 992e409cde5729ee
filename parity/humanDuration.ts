// apimachinery's duration.HumanDuration, the AGE of every kubectl table: [elapsed ms, text]. kdash
// (src/resources/format.ts) and the embedded cluster (packages/sim/src/tables/format.ts) each have
// their own copy; both run this table (test/resources/parityTables.test.ts,
// packages/sim/test/parityTables.test.ts). Go converts seconds to int by truncating toward zero, so an
// object up to 2 s in the future (clock skew) is "0s": checked against kubectl v1.32 describe, which
// prints an event 1.7 s ahead as 0s and one 2.7 s ahead as <invalid>.
export const humanDurationCases: Array<[ms: number, text: string]> = [
  [-2700, '<invalid>'],
  [-2000, '<invalid>'],
  [-1700, '0s'],
  [-1000, '0s'],
  [-400, '0s'],
  [0, '0s'],
  [999, '0s'],
  [1000, '1s'],
  [119_999, '119s'],
  [120_000, '2m'],
  [130_500, '2m10s'],
  [599_000, '9m59s'],
  [600_000, '10m'],
  [601_000, '10m'],
  [10_799_000, '179m'],
  [10_800_000, '3h'],
  [12_660_000, '3h31m'],
  [28_800_000, '8h'],
  [47 * 3_600_000 + 3_599_000, '47h'],
  [48 * 3_600_000, '2d'],
  [(2 * 24 + 5) * 3_600_000, '2d5h'],
  [8 * 86_400_000, '8d'],
  [729 * 86_400_000, '729d'],
  [730 * 86_400_000, '2y'],
  [(3 * 365 + 12) * 86_400_000, '3y12d'],
  [8 * 365 * 86_400_000, '8y'],
  [(9 * 365 + 100) * 86_400_000, '9y'],
];

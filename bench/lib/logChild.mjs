// Child process for the log view benchmark (the logs owner's runLogViewBench from
// src/views/logs/benchLogView.ts): prints its report as JSON on stdout.
process.env.NODE_ENV ??= 'production'; // before React loads: what users run
// Ink draws no frames at all when the environment says CI (the kdash bundle turns that check off; this
// child loads the unbundled build): without this, a CI run measures a log view that never draws.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
const { runLogViewBench } = await import('../../dist/views/logs/benchLogView.js');
const seconds = Number(process.argv[2] ?? 30);
const report = await runLogViewBench({ seconds, rate: 10_000, width: 200, height: 50 });
process.stdout.write(JSON.stringify(report));
process.exit(0);

// Child process for the log view benchmark (the logs owner's runLogViewBench from
// src/views/logs/benchLogView.ts): prints its report as JSON on stdout.
process.env.NODE_ENV ??= 'production'; // before React loads: what users run
const { runLogViewBench } = await import('../../dist/views/logs/benchLogView.js');
const seconds = Number(process.argv[2] ?? 30);
const report = await runLogViewBench({ seconds, rate: 10_000, width: 200, height: 50 });
process.stdout.write(JSON.stringify(report));
process.exit(0);

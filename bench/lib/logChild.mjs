// Child process for the log view benchmark (runLogViewBench from src/views/logs/benchLogView.ts): prints its report as JSON on stdout.
// The bundled view: React's production build and the bundle's Ink, as users run them.
const { runLogViewBench } = await import('../../dist/bin/bench-log-view.js');
const seconds = Number(process.argv[2] ?? 30);
const report = await runLogViewBench({ seconds, rate: 10_000, width: 200, height: 50 });
process.stdout.write(JSON.stringify(report));
process.exit(0);

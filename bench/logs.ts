// Log tailing benchmark (issue 5): 10,000 lines/s for 30 s into the log controller and the Ink
// LogView; reports lost lines (must be 0), frame times and RSS over time. The code lives in src so
// it is built: `npm run build && node --expose-gc dist/views/logs/benchLogView.js --seconds 30`
// (`node dist/logs/benchLogs.js` runs the same without Ink, laying out rows into a string sink).
import { benchMain } from '../src/logs/benchLogs.js';
import { runLogViewBench } from '../src/views/logs/benchLogView.js';

benchMain(runLogViewBench);

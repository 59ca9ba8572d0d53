// Loads the demo data (tools/demo/demo.ts) through the entry point; exit 1 naming the step that failed.
import { loadDemo } from './demo';

loadDemo().then(
  () => process.stdout.write('==> demo: loaded\n'),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

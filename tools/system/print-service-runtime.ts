// Prints the process environment and the node flags every service runs with (tools/system/node-flags.ts)
// for a shell script that starts services itself (scripts/dev.sh): line 1 the NAME=value words, line 2
// the flags, each space-separated. None of them holds a space.
import { serviceNodeFlags, serviceProcessEnv } from './node-flags';

const env = Object.entries(serviceProcessEnv()).map(([name, value]) => `${name}=${value}`);
process.stdout.write(`${env.join(' ')}\n${serviceNodeFlags().join(' ')}\n`);

// A test run in miniature for containers-provider.int-spec.ts: starts a ContainersProvider on the
// port base given as argv[2] (no engine/image preparation), prints "started <run id> <ids…>" and
// waits to be interrupted, so the spec can check that a signal removes the containers.
import { containerPorts, ContainersProvider } from '@frontera/platform-testing';

async function main(): Promise<void> {
  const provider = new ContainersProvider({
    ports: containerPorts(Number(process.argv[2])),
    skipPrepare: true,
  });
  await provider.start();
  process.stdout.write(`started ${provider.runId} ${provider.containerIds().join(' ')}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

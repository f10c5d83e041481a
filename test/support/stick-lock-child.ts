import { FileStickWriteLocks } from '../../src-main/platform/stick-write-lock';

/** Another Strongroom process holding one stick's write lock until it is killed: argv folder, identity, name. */
const [folder, identity, name] = process.argv.slice(2) as [string, string, string];
await new FileStickWriteLocks(folder).hold([{ identity, name }], async () => {
  process.stdout.write('held\n');
  // Held until killed: the timer keeps the process alive.
  await new Promise(() => setInterval(() => undefined, 60_000));
});

/** Holds the lock of the folder given as argument, in its own process, until its parent disconnects. */
import { acquireLock } from '../../src/pipeline/lock.ts';

const lock = await acquireLock(process.argv[2]!);
process.send!('held');
process.on('disconnect', () => void lock.release().then(() => process.exit(0)));

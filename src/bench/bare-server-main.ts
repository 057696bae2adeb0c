import { BARE_READY_MESSAGE, startBareServer } from './bare-server.js';

/**
 * Entry point of the bare Apollo server that `hololoom bench --http` runs in a child process, so
 * it gets a core of its own as HoloLoom's server does. It listens on a free port of 127.0.0.1.
 */
const server = await startBareServer();
process.stdout.write(`${JSON.stringify({ msg: BARE_READY_MESSAGE, url: server.url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

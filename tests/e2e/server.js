// Starts the telegram-test-api Bot API emulator for the end-to-end tests.
// Usage: node tests/e2e/server.js [host]
// Listens on a free port chosen by the OS and prints one line: "READY <port>".
// Stops when stdin closes (the Python harness died) or on SIGTERM/SIGINT.
'use strict';

const apiModule = require('telegram-test-api');

const TelegramServer = apiModule.TelegramServer || apiModule.default || apiModule;

async function main() {
  const host = process.argv[2] || '127.0.0.1';
  const server = new TelegramServer({ port: 1, host, storeTimeout: 600 });
  // The emulator treats port 0 as "unset" (falls back to 9000): ask the OS for a free port
  // by overriding the normalized config before start().
  server.config.port = 0;
  await server.start();
  const { port } = server.server.address();
  process.stdout.write(`READY ${port}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main().catch((error) => {
  process.stderr.write(`emulator failed to start: ${error && error.stack}\n`);
  process.exit(1);
});

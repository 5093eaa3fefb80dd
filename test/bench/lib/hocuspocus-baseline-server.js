// Baseline for P1b: Hocuspocus 4.7 as its docs run it — `new Server()`, documents in memory, no
// extensions (no auth, no persistence). Its own provider (a different framing from y-websocket)
// talks to it from the load generator.
'use strict';
const { Server } = require('@hocuspocus/server');

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: true });
server.listen().then(() => process.send?.({ ready: true, port: server.address.port }));

// Baseline for P1/P2/P6: @y/websocket-server 0.1.1 as its README runs it — a bare http server,
// a `ws` server, setupWSConnection per socket; documents in memory, no auth, no persistence.
// The room name is the URL path, so `ws://HOST/collab/<id>` works for the same clients.
'use strict';
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { setupWSConnection } = require('@y/websocket-server/utils');

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => setupWSConnection(conn, req, { docName: (req.url || '/').slice(1).split('?')[0], gc: true }));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => process.send?.({ ready: true, port: server.address().port }));

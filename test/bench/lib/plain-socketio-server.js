// Baseline for P4: a plain socket.io 4.8.3 server with the same namespace, the same subscribe
// ack and the same event payload shape as the application, and nothing else (no auth, no
// database, no access checks). POST /broadcast {threadId, body} emits `post:created` to the room.
'use strict';
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 0);
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const { threadId, body } = JSON.parse(raw);
    const post = {
      id: randomUUID(),
      threadId,
      parentId: null,
      quotePostId: null,
      body,
      html: `<p>${body}</p>`,
      author: { id: randomUUID(), name: 'Bench Poster' },
      createdAt: new Date().toISOString(),
      editedAt: null,
      hidden: false,
      reactions: {},
    };
    io.of('/realtime').to(`thread:${threadId}`).emit('post:created', { threadId, post });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(post));
  });
});
const io = new Server(server, { path: '/socket.io' });
io.of('/realtime').on('connection', (socket) => {
  socket.on('thread:subscribe', (payload, ack) => {
    socket.join(`thread:${payload.threadId}`);
    if (typeof ack === 'function') ack({ ok: true });
  });
});
server.listen(port, '127.0.0.1', () => {
  process.send?.({ ready: true, port: server.address().port });
});

/**
 * The spec's description: errors, the socket.io events and the collaboration socket, which
 * OpenAPI has no operations for. Kept next to the code that speaks them; docs/architecture.md
 * explains the why.
 */
export const API_DESCRIPTION = `Collaboration backend of the National Public Service Innovation Network (JIPPNas).

## Errors
Every 4xx/5xx body is \`{statusCode, code, message, details?}\` (schema \`ErrorResponse\`); \`code\` is a stable
upper-snake identifier. Each operation lists the codes it can answer. Every signed-in operation can answer
401 \`UNAUTHENTICATED\`, \`AUTH_TOKEN_EXPIRED\`; every operation with input 400 \`VALIDATION_FAILED\`; any operation
503 \`SERVICE_UNAVAILABLE\` while the database is unreachable. Times are ISO-8601 UTC. Operations without a lock
are public.

## Realtime: socket.io
Path \`/socket.io\`, namespace \`/realtime\`, handshake \`auth: { token: <accessToken> }\`; a bad token fails the
handshake with \`connect_error\` whose \`data.code\` is \`UNAUTHENTICATED\` or \`AUTH_TOKEN_EXPIRED\`. A connection
lives as long as the sign-in session its token came from.

Client → server (each acknowledged with \`{ok: true}\` or \`{ok: false, code}\`, code ∈ \`VALIDATION_FAILED\`,
\`NOT_FOUND\`, \`FORBIDDEN\`, \`RATE_LIMITED\` (more than 200 threads on one socket)):
- \`thread:subscribe\` \`{threadId}\` — join a thread the caller may read;
- \`thread:unsubscribe\` \`{threadId}\`.

Server → client, in a subscribed thread (\`post\` is the \`Post\` schema; to non-moderators a hidden post has the
hidden shape \`{id, hidden: true, body: null, html: null}\`):
- \`post:created\` \`{threadId, post}\`, \`post:updated\` \`{threadId, post}\`, \`post:restored\` \`{threadId, post}\`;
- \`post:hidden\` \`{threadId, postId}\`;
- \`thread:updated\` \`{thread}\` (the \`Thread\` schema);
- \`thread:unsubscribed\` \`{threadId, reason: "access"}\` when the caller may no longer read it.

Server → the user's own connections:
- \`notification\` \`{id, type, payload, createdAt, readAt}\` (the \`Notification\` schema);
- \`playbook:access\` \`{playbookId, access}\` with access ∈ \`edit\`, \`view\`, \`none\` when it changes;
- \`access:changed\` \`{reason}\` (membership, roles, mentorship, suspension): re-read what you show.

## Collaboration socket (y-websocket)
\`ws://HOST/collab/:playbookId?token=<accessToken>\`; a stock \`new WebsocketProvider('ws://HOST/collab', playbookId,
ydoc, { params: { token } })\` works (create it with \`disableBc: true\`). Rich text is in
\`ydoc.getXmlFragment('content')\` (ProseMirror/Tiptap node names, see \`GET /api/playbooks/schema\`), structured
fields in \`ydoc.getMap('meta')\`.

Messages (binary, lib0 varint-framed, as y-protocols): \`0\` sync — step 1 (state vector), step 2 (missing
updates), update; \`1\` awareness (only for the connection's own Yjs client ids; the server sets
\`user: {id, name}\`; oversized or too frequent states are dropped); \`2\` auth — \`permission denied\` with
reason \`read-only\` for the first update a viewer sends (a viewer's updates are never applied or forwarded);
\`3\` query awareness. After each store the server sends sync step 1 (its state vector), so a client can tell
its changes are stored.

Close codes: \`4400\` malformed message; \`4401\` no, bad or expired token at connect, or the sign-in session
ended; \`4403\` no access, or access removed while connected; \`4404\` unknown playbook; \`4408\` authorisation
timed out; \`4413\` message or document too large (also too much data before authorisation); \`4429\` too many
messages, too many clients on the playbook, or too many messages before authorisation; \`1001\` server shutting
down or send failed; \`1011\` internal error; \`1013\` busy or receiver too slow — try again (stock clients
reconnect on 1xxx codes and give up on 44xx).`;

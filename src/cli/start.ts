/**
 * `npm start`: builds the app when the build is missing or older than its sources,
 * then serves it with the embedded database in ITA_DATA_DIR (./data).
 *
 * The server is adapter-node's handler behind our own HTTP server, so that a plain
 * `http://` request on a LAN (no proxy telling the protocol) is known as http — without
 * it adapter-node assumes https and the app's own origin comes out wrong.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import compression from 'compression';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.ts';
import { forgetServerAddress, noteServerAddress } from './server-address.ts';

const root = process.cwd();
let built: string;
try {
	built = ensureBuilt(root);
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}

process.env.ITA_DATA_DIR ??= resolve(root, 'data');
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
// adapter-node's default 512 KB would cut a large batch before the gateway can say why.
process.env.BODY_SIZE_LIMIT ??= '4M';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
// Importing the handler runs the app's init hook: the database opens (or the data
// folder is found in use, and the process ends with that message).
const { handler } = (await import(pathToFileURL(built).href)) as { handler: Handler };

// Pages and API answers compressed (the built assets are served precompressed already):
// a phone on a weak signal downloads the survey page in a quarter of the bytes.
const compress = compression();

const server = createServer((req, res) => {
	req.headers['x-forwarded-proto'] ??= 'http';
	compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
});
server.listen(port, host, () => {
	// For `ita import` while this runs (it cannot open the locked folder).
	void noteServerAddress(port).catch(() => {});
	console.log(`Listening on http://${host}:${port}`);
});

function shutdown(signal: string) {
	console.log(`${signal}: closing …`);
	void forgetServerAddress().catch(() => {});
	server.close();
	server.closeAllConnections();
	// The app closes its database and releases the data folder on this event.
	process.emit('sveltekit:shutdown' as 'SIGTERM', signal as 'SIGTERM');
	setTimeout(() => process.exit(0), 5000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

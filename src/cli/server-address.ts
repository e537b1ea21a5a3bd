/**
 * Where a running embedded server can be reached, for the command line: the server
 * writes its local address into `<data folder>/server.json` (`ServerFile`) when it
 * listens (src/cli/start.ts, and removes it when it stops); the service key is the
 * folder's keys.json. `ita backup` and `ita import` reach it with `postToServer`.
 */
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';

/** What `npm start` writes into the data folder while it listens. */
export interface ServerFile {
	pid: number;
	/** An address of this machine where the server answers (loopback when it listens on all). */
	url: string;
	/** The TLS name to check when `url` is https (the certificate's, not 127.0.0.1). */
	servername?: string;
}

export const SERVER_FILE = 'server.json';

/** Where to reach a server: its address, and for https the name its certificate carries. */
export type ServerAddress = Pick<ServerFile, 'url' | 'servername'>;

/**
 * POSTs to a running server with its service key and returns the status and body.
 * Node's own client rather than fetch: a server on https that the command reaches at
 * 127.0.0.1 is checked against its public name (`servername`), which fetch cannot do
 * (the certificate names ita.example.go.th, not 127.0.0.1). A private certificate
 * authority is trusted through NODE_EXTRA_CA_CERTS, as for any Node program.
 */
export function postToServer(
	server: ServerAddress,
	path: string,
	serviceKey: string,
	json?: unknown
): Promise<{ status: number; body: Buffer }> {
	const url = new URL(path, server.url);
	const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
	const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
	return new Promise((done, fail) => {
		const req = request(
			url,
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${serviceKey}`,
					apikey: serviceKey,
					...(body ? { 'content-type': 'application/json' } : {})
				},
				...(server.servername ? { servername: server.servername } : {})
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
				res.on('error', fail);
			}
		);
		req.on('error', fail);
		req.end(body);
	});
}

function folder(dataDir?: string): string {
	return resolve(dataDir ?? process.env.ITA_DATA_DIR ?? 'data');
}

/** The running server's address (null when not noted) and the folder's service key. */
export async function runningServer(
	dataDir?: string
): Promise<{ url: string | null; servername?: string; serviceKey: string }> {
	const dir = folder(dataDir);
	const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as { serviceKey: string };
	const noted = await readFile(join(dir, SERVER_FILE), 'utf8').then(
		(t) => JSON.parse(t) as Partial<ServerFile>,
		() => null
	);
	return {
		url: noted?.url ?? null,
		...(noted?.servername ? { servername: noted.servername } : {}),
		serviceKey: keys.serviceKey
	};
}

/**
 * Caddy (Debian's `caddy` package) as an office runs it in front of `npm start`, in its
 * own process with its own configuration: `tls internal` (its local certificate
 * authority) for a name, a random HTTPS port, no admin endpoint, and every file it keeps
 * in a folder of the test's choosing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class Caddy {
	private child?: ChildProcess;
	output = '';

	constructor(
		readonly dir: string,
		readonly name: string,
		readonly httpsPort: number,
		readonly upstreamPort: number,
		/** Caddy's plain-http port (it redirects nothing here, but always listens). */
		readonly httpPort: number
	) {}

	get url(): string {
		return `https://${this.name}:${this.httpsPort}`;
	}

	private get storage(): string {
		return join(this.dir, 'storage');
	}

	/** Starts Caddy; resolves when its certificate for the name has been issued. */
	async start(): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		const config = join(this.dir, 'Caddyfile');
		await writeFile(
			config,
			`{
	admin off
	storage file_system {
		root ${this.storage}
	}
	skip_install_trust
	auto_https disable_redirects
	http_port ${this.httpPort}
	https_port ${this.httpsPort}
}

${this.name}:${this.httpsPort} {
	tls internal
	reverse_proxy 127.0.0.1:${this.upstreamPort}
}
`
		);
		const child = spawn(
			process.env.ITA_CADDY ?? '/usr/bin/caddy',
			['run', '--config', config, '--adapter', 'caddyfile'],
			{
				cwd: this.dir,
				env: {
					PATH: process.env.PATH,
					HOME: this.dir,
					XDG_DATA_HOME: join(this.dir, 'data'),
					XDG_CONFIG_HOME: join(this.dir, 'config')
				},
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		this.child = child;
		const leaf = join(this.storage, 'certificates', 'local', this.name, `${this.name}.crt`);
		await new Promise<void>((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				this.output += chunk.toString();
				if (this.output.includes('certificate obtained successfully') || existsSync(leaf)) {
					resolve();
				}
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.once('exit', (code) => reject(new Error(`caddy exited with ${code}:\n${this.output}`)));
		});
	}

	/**
	 * The base64 SHA-256 of the SubjectPublicKeyInfo of Caddy's local root and intermediate,
	 * for Chromium's `--ignore-certificate-errors-spki-list`: this authority only is
	 * trusted, never every certificate.
	 */
	async spkiHashes(): Promise<string[]> {
		const pki = join(this.storage, 'pki', 'authorities', 'local');
		return Promise.all(
			['root.crt', 'intermediate.crt'].map(async (file) => {
				const cert = new X509Certificate(await readFile(join(pki, file)));
				const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
				return createHash('sha256').update(spki).digest('base64');
			})
		);
	}

	/** Chromium's switches: the name resolves to this machine, Caddy's authority is trusted. */
	async chromiumArgs(): Promise<string[]> {
		return [
			`--host-resolver-rules=MAP ${this.name} 127.0.0.1`,
			`--ignore-certificate-errors-spki-list=${(await this.spkiHashes()).join(',')}`
		];
	}

	stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	}
}

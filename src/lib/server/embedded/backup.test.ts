import { describe, expect, test } from 'vitest';
import { readTar } from './backup.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('the backup file is a plain tar', () => {
	test('what tar(1) writes, readTar reads (names and bytes, past a 512-byte boundary)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'ita-tar-'));
		try {
			const big = Buffer.alloc(1300, 7);
			writeFileSync(join(dir, 'a.json'), '{"x":1}\n');
			writeFileSync(join(dir, 'b.bin'), big);
			execFileSync('tar', [
				'--format=ustar',
				'-cf',
				join(dir, 'out.tar'),
				'-C',
				dir,
				'a.json',
				'b.bin'
			]);
			const entries = readTar(readFileSync(join(dir, 'out.tar')));
			expect([...entries.keys()]).toEqual(['a.json', 'b.bin']);
			expect(entries.get('a.json')?.toString()).toBe('{"x":1}\n');
			expect(entries.get('b.bin')?.equals(big)).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

import { resolve } from 'node:path';

/** The `supabase/` folder: migrations, the local shim and the framework files. */
export function supabaseDir(): string {
	return resolve(process.env.ITA_SUPABASE_DIR ?? resolve(process.cwd(), 'supabase'));
}

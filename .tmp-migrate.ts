import { openPostgres } from './src/lib/server/db/client.ts';
import { migrate } from './src/lib/server/db/migrate.ts';
const url = process.argv[2];
const db = openPostgres(url);
await migrate(db);
await db.close();

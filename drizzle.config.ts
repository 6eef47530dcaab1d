import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL here; it never opens the (encrypted) database. The app applies the files itself.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});

// On the PostgreSQL run: each test file's databases are dropped when the file is done.
import { dropTestDatabases, onPostgres } from './postgres';

if (onPostgres) afterAll(dropTestDatabases);

import Database from 'better-sqlite3';

/** Every stored row, read through a separate connection, to prove a request changed nothing. */
export function storeSnapshot(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = ['meta', 'customers', 'challenges', 'audit'].map((table) =>
      db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all(),
    );
    return JSON.stringify(tables, (_key, value) =>
      value && value.type === 'Buffer' ? Buffer.from(value.data).toString('hex') : value,
    );
  } finally {
    db.close();
  }
}

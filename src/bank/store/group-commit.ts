import type Database from 'better-sqlite3';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes issued during one turn of the event loop run in one SQLite transaction,
 * so they share one commit (and, with synchronous=FULL, one fsync). Each write keeps its own
 * atomicity in a savepoint and gets its own result or error — only after the commit, so nothing is
 * reported done before it is durable.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];

  constructor(private readonly db: Database.Database) {}

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before closing). */
  flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    const outcomes: { error?: unknown; value?: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ value: this.db.transaction(item.write)() });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => ('error' in outcomes[i] ? item.reject(outcomes[i].error) : item.resolve(outcomes[i].value)));
  }
}

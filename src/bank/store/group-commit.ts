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
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly undo: Database.Statement;

  constructor(private readonly db: Database.Database) {
    // Prepared once: better-sqlite3's db.transaction() builds new wrappers on every call. IMMEDIATE: the
    // write lock is taken (or waited for) at once, so a write after a read in the same transaction never
    // finds that another process (a shared file: rotate-master-key beside serve) wrote in between.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT write');
    this.release = db.prepare('RELEASE write');
    this.undo = db.prepare('ROLLBACK TO write');
  }

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject }) === 1)
        setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before closing). */
  flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    const outcomes = batch.map(() => ({}) as { error?: unknown; value?: unknown });
    try {
      this.begin.run();
      batch.forEach((item, i) => {
        this.savepoint.run();
        try {
          outcomes[i].value = item.write();
        } catch (error) {
          outcomes[i].error = error;
          this.undo.run();
        }
        this.release.run();
      });
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) =>
      'error' in outcomes[i] ? item.reject(outcomes[i].error) : item.resolve(outcomes[i].value),
    );
  }
}

import type Database from 'better-sqlite3';

/**
 * Tells a SQLite connection whether another connection has committed to its file since it last
 * asked: SQLite's data_version moves when one does, never for the connection's own commits. A
 * cache of what the file holds stays good until then. Asked at most once per turn of the event
 * loop: the pragma costs about what one of the queries it saves does, and another process's
 * commit reaches this one in a later turn anyway.
 */
export class OtherCommits {
  private readonly dataVersion: Database.Statement<[], number>;
  private seen: number | undefined;
  private asked = false;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** True when another connection may have committed since the last time this asked (the first time too). */
  happened(): boolean {
    if (this.asked) return false;
    this.asked = true;
    setImmediate(() => (this.asked = false));
    const version = this.dataVersion.get();
    if (version === this.seen) return false;
    this.seen = version;
    return true;
  }
}

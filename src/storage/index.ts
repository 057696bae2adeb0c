/** SQLite files for the embedded default: WAL connections and in-place migrations. */
export { migrate, openSqlite, type OpenSqliteOptions, type SqliteDatabase } from './open-sqlite.js';
export { createGroupCommit, type GroupCommit, type GroupCommitOptions, type GroupCommitStats } from './group-commit.js';
export { checkpointInBackground, type BackgroundCheckpointOptions, type BackgroundCheckpoints } from './background-checkpoints.js';

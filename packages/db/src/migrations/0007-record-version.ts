import { sql, type Kysely } from 'kysely';

/**
 * `operations.record_version`: the version of the stored form of an operation (its params, body
 * and configs), written by `@lsl/ledger-store`'s codec; the rows written before it are version 1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table operations add column if not exists record_version smallint not null default 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table operations drop column if exists record_version`.execute(db);
}

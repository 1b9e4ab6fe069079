import { sql, type Kysely } from 'kysely';

/**
 * `lsl_configs_current(configs)`: true when every config an operation was resolved with is
 * still the version in force (no newer version of it exists); otherwise it raises SQLSTATE
 * `LSL01`. The statements that record operations call it, so intake may resolve configs from a
 * cache: an entry made stale by a `PUT /v1/configs/...` fails the insert (nothing recorded, no
 * sequence number used) and intake resolves again (docs/performance.md, "Config look-up").
 * `configs` is the operation's `configs` column: `{<kind>: {id, version, ...}}`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function lsl_configs_current(configs jsonb) returns boolean
    language plpgsql stable as $$
    begin
      if exists (
        select 1 from jsonb_each(configs) e
        join configs c on c.kind = e.key and c.id = e.value->>'id' and c.version > (e.value->>'version')::integer
        where jsonb_typeof(e.value) = 'object'
      ) then
        raise exception 'a config was given a new version after this operation resolved it' using errcode = 'LSL01';
      end if;
      return true;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists lsl_configs_current(jsonb)`.execute(db);
}

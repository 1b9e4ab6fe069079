import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, CONFIG_KINDS, getConfigQuerySchema, idSchema, isConfigKind, parseConfigBody, parsePathId, parseQuery, type ConfigKind } from '@lsl/contracts';
import { getConfigVersion, getLatestConfig, putConfig, type ConfigRow, type Database } from '@lsl/db';

function configView(row: ConfigRow) {
  return { ...row.body, id: row.id, version: row.version, created_at: new Date(row.created_at).toISOString() };
}

/** The config's kind (an unknown one is no route) and its id, checked with the documented `idSchema`. */
function kindAndId(req: Request): { kind: ConfigKind; id: string } {
  const { kind, config_id: id } = req.params as { kind: string; config_id: string };
  if (!isConfigKind(kind)) throw new AppError('route_not_found', `No config kind '${kind}'`, { kind, kinds: CONFIG_KINDS });
  return { kind, id: parsePathId(idSchema, 'config_id', id, { message: 'Invalid config id', fieldMessage: 'Letters, digits and . _ : - only, at most 128' }) };
}

/**
 * `PUT/GET /v1/configs/{loans|payments|waivers|consolidations}/{config_id}`. A PUT never edits
 * a config in place: it adds a version, and operations keep the version they were accepted
 * with. GET gives the current version, or `?version=N`.
 */
export function createConfigRouter(db: Kysely<Database>): Router {
  const router = Router();

  router.put('/v1/configs/:kind/:config_id', async (req: Request, res: Response) => {
    const { kind, id } = kindAndId(req);
    const parsed = parseConfigBody(kind, req.body);
    if (!parsed.ok) throw parsed.error;
    // An unchanged body keeps its version (putConfig compares as jsonb, whatever the key order).
    const { row, created } = await putConfig(db, kind, id, parsed.value);
    res.status(created && row.version === 1 ? 201 : 200).json(configView(row));
  });

  router.get('/v1/configs/:kind/:config_id', async (req: Request, res: Response) => {
    const { kind, id } = kindAndId(req);
    const { version } = parseQuery(getConfigQuerySchema, req.query);
    const row = version === undefined ? await getLatestConfig(db, kind, id) : await getConfigVersion(db, kind, id, version);
    if (!row) throw new AppError('not_found', `No ${kind} config '${id}'${version ? ` version ${version}` : ''}`, { kind, config_id: id });
    res.json(configView(row));
  });

  return router;
}

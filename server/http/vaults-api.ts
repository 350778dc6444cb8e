import { z } from 'zod';
import type { Vault } from '@/db/queries/vaults';
import { vaultDescription, vaultName } from '@/server/documents/schemas';
import { requireUser } from '@/server/auth/caller';
import { createVault, listReadableVaults, removeVault, requireVault } from '@/server/documents/vaults';
import { getServices } from '@/server/services';
import { idParam } from './id-param';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

/** The original service's collections, called vaults here. */

const createBody = z.object({ name: vaultName, description: vaultDescription });

function vaultJson(v: Vault) {
  return {
    vault_id: v.id,
    name: v.name,
    description: v.description,
    document_count: v.documentCount,
    is_default: v.isDefault,
    owner: v.ownerName,
    visibility: v.visibility,
    access: v.access,
    created_at: v.createdAt.toISOString(),
  };
}

export const getVaults: RouteHandler = async (_request, { caller }) => {
  const services = await getServices();
  return Response.json({ vaults: (await listReadableVaults(services, requireUser(caller))).map(vaultJson) });
};

export const postVault: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, createBody, services.config.maxRequestBytes);
  return Response.json(vaultJson(await createVault(services, requireUser(caller), body)));
};

export const getVault: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  return Response.json(vaultJson(await requireVault(services, requireUser(caller), idParam(params, 'Vault'))));
};

export const deleteVault: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const vaultId = idParam(params, 'Vault');
  await removeVault(services, requireUser(caller), vaultId);
  return Response.json({ vault_id: vaultId, deleted: true });
};

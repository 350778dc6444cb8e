import { z } from 'zod';
import type { Vault } from '@/db/queries/vaults';
import { vaultDescription, vaultName } from '@/server/documents/schemas';
import { createVault, listVaults, removeVault, requireVault } from '@/server/documents/vaults';
import { getServices } from '@/server/services';
import { idParam } from './documents-api';
import { apiRoute, readJson } from './respond';

/** The original service's collections, called vaults here. */

const createBody = z.object({ name: vaultName, description: vaultDescription });

function vaultJson(v: Vault) {
  return {
    vault_id: v.id,
    name: v.name,
    description: v.description,
    document_count: v.documentCount,
    is_default: v.isDefault,
    created_at: v.createdAt.toISOString(),
  };
}

type IdParams = { params: Promise<{ id: string }> };

export const getVaults = apiRoute('/vaults', async () => {
  const services = await getServices();
  return Response.json({ vaults: (await listVaults(services.db)).map(vaultJson) });
});

export const postVault = apiRoute('/vaults', async (request) => {
  const services = await getServices();
  const body = await readJson(request, createBody, services.config.maxRequestBytes);
  return Response.json(vaultJson(await createVault(services, body)));
});

export const getVault = apiRoute<IdParams>('/vaults/[id]', async (_request, context) => {
  const services = await getServices();
  return Response.json(vaultJson(await requireVault(services, await idParam(context, 'Vault'))));
});

export const deleteVault = apiRoute<IdParams>('/vaults/[id]', async (_request, context) => {
  const services = await getServices();
  const vaultId = await idParam(context, 'Vault');
  await removeVault(services, vaultId);
  return Response.json({ vault_id: vaultId, deleted: true });
});

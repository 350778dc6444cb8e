import { deleteVault, getVault } from '@/server/http/vaults-api';

export const dynamic = 'force-dynamic';
export const GET = getVault;
export const DELETE = deleteVault;

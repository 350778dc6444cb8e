import { getVaults, postVault } from '@/server/http/vaults-api';

export const dynamic = 'force-dynamic';
export const GET = getVaults;
export const POST = postVault;

import { handleApiRequest } from '@/server/http/dispatch';

// Every HTTP endpoint but tRPC and the pages: the original service's API and the app's own REST endpoints, all
// declared in server/http/routes.ts. Unknown paths get the original's JSON 404 (browsers a page).
export const dynamic = 'force-dynamic';
export {
  handleApiRequest as GET,
  handleApiRequest as HEAD,
  handleApiRequest as POST,
  handleApiRequest as PUT,
  handleApiRequest as PATCH,
  handleApiRequest as DELETE,
  handleApiRequest as OPTIONS,
};

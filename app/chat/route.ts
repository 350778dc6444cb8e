import { postChat } from '@/server/http/chat-api';

// The original service's POST /chat: JSON, or server-sent events for Accept: text/event-stream.
export const dynamic = 'force-dynamic';
export const POST = postChat;

import { postChatStream } from '@/server/http/chat-api';

// The browser's useChat transport: an AI SDK UI message stream.
export const dynamic = 'force-dynamic';
export const POST = postChatStream;

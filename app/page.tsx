import { SystemStatus } from './_components/system-status';

export default function HomePage() {
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Chat with your documents</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Upload documents, ask questions, and get answers grounded in them with citations.
        </p>
      </div>
      <SystemStatus />
    </div>
  );
}

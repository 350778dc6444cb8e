import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { chunks, documents, ingestJobs, messages, sessions, users, vaults } from '@/db/schema';

/**
 * The listing benchmark's data, deterministic (a seeded generator): for each person, conversations of several
 * messages in words of a harbour-town vocabulary, and documents spread over five vaults of theirs, each with one
 * chunk of text and an upload's file name. Two people of the same size, so every query also has to leave out
 * another person's rows, as on a real install.
 */

const COMMON = (
  'harbour tide ferry lighthouse keeper lamp boat quay slipway chandlery fisher net mooring anchor buoy gale ' +
  'storm pier dock crane cargo manifest invoice ledger account payment schedule timetable weather forecast wind ' +
  'rope knot sail mast hull rudder compass chart beacon signal radio coast cliff beach sand rock reef current ' +
  'channel estuary river bridge lock gate warden council budget report minutes meeting policy permit licence ' +
  'safety drill rescue lifeboat crew volunteer training equipment inventory repair engine fuel diesel battery'
).split(' ');

/** Made-up words after the common ones: text has thousands of words, most of them rare. */
const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'dra', 'vel', 'os', 'quen', 'bar', 'ith', 'sul', 'gor', 'pen', 'ra', 'ud', 'che'];
const WORDS = [...COMMON, ...SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => `${a}${b}${c}`)))];

const TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/html', 'text/markdown', 'text/plain'];
const EXTENSIONS = ['pdf', 'docx', 'html', 'md', 'txt'];
const STATUSES = ['ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'failed', 'queued'];

/** mulberry32: small, fast, and the same data on every run. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BATCH = 500;

async function insertAll<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface SeedSize {
  conversations: number;
  messagesPerConversation: number;
  documents: number;
}

export interface Seeded {
  userId: string;
  vaultIds: string[];
}

/** Seeds one person and returns who they are; `seed` varies the words between people. */
export async function seedPerson(db: Database, name: string, size: SeedSize, seed: number): Promise<Seeded> {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Roughly Zipf: the common words come up often (a harbour word in most answers), the made-up ones rarely.
  const word = () => WORDS[Math.floor(WORDS.length * random() ** 3)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const sentence = (n: number) => {
    const text = words(n);
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };

  const userId = `bench-${name}`;
  await db.orm.insert(users).values({ id: userId, name, email: `${name}@bench.invalid` });

  const now = Date.now();
  const sessionRows = Array.from({ length: size.conversations }, (_, i) => {
    // Spread over a year, so the sidebar's date groups all have members.
    const lastActiveAt = new Date(now - Math.floor(random() * 365 * 24 * 3600 * 1000));
    return {
      id: `${userId}-${i}`,
      clientId: `conversation-${i}`,
      userId,
      title: sentence(3 + Math.floor(random() * 5)),
      createdAt: lastActiveAt,
      lastActiveAt,
    };
  });
  await insertAll(sessionRows, (batch) => db.orm.insert(sessions).values(batch));

  const messageRows = sessionRows.flatMap((session) =>
    Array.from({ length: size.messagesPerConversation }, (_, m) => ({
      sessionId: session.id,
      role: m % 2 === 0 ? 'user' : 'assistant',
      // Questions are a sentence; answers a paragraph of a few.
      content: m % 2 === 0 ? `${sentence(8 + Math.floor(random() * 10))}?` : Array.from({ length: 4 }, () => sentence(12 + Math.floor(random() * 12))).join(' '),
      createdAt: new Date(session.lastActiveAt.getTime() - (size.messagesPerConversation - m) * 60_000),
    })),
  );
  await insertAll(messageRows, (batch) => db.orm.insert(messages).values(batch));

  const vaultRows = Array.from({ length: 5 }, (_, i) => ({ name: `${name}'s vault ${i + 1}`, ownerId: userId }));
  const vaultIds = (await db.orm.insert(vaults).values(vaultRows).returning({ id: vaults.id })).map((row) => row.id);

  const documentRows = Array.from({ length: size.documents }, (_, i) => {
    const type = Math.floor(random() * TYPES.length);
    const title = sentence(2 + Math.floor(random() * 6)).slice(0, -1);
    return {
      vaultId: vaultIds[i % vaultIds.length]!,
      title,
      contentHash: createHash('sha256').update(`${userId}-${i}`).digest('hex'),
      mimeType: TYPES[type]!,
      sizeBytes: 500 + Math.floor(random() * 5_000_000),
      status: pick(STATUSES),
      chunkCount: 1,
      createdAt: new Date(now - Math.floor(random() * 2 * 365 * 24 * 3600 * 1000)),
      filename: `${title.toLowerCase().replace(/ /g, '-')}-${i}.${EXTENSIONS[type]}`,
    };
  });
  const documentIds: string[] = [];
  await insertAll(documentRows, async (batch) => {
    const inserted = await db.orm
      .insert(documents)
      .values(batch.map(({ filename: _filename, ...row }) => row))
      .returning({ id: documents.id });
    documentIds.push(...inserted.map((row) => row.id));
  });

  // One chunk each, with a token vector: the listing searches their text, never their embeddings.
  await insertAll(
    documentRows.map((row, i) => ({ row, id: documentIds[i]! })),
    (batch) =>
      db.orm.insert(chunks).values(
        batch.map(({ row, id }) => ({
          documentId: id,
          vaultId: row.vaultId,
          ordinal: 0,
          content: Array.from({ length: 6 }, () => sentence(12 + Math.floor(random() * 10))).join(' '),
          tokenCount: 120,
          embedding: [1, 0, 0],
          embeddingModel: 'bench-listing',
        })),
      ),
  );
  await insertAll(
    documentRows.map((row, i) => ({ row, id: documentIds[i]! })),
    (batch) =>
      db.orm.insert(ingestJobs).values(
        batch.map(({ row, id }) => ({ documentId: id, status: 'done', filename: row.filename, mimeType: row.mimeType, contentHash: row.contentHash, content: new Uint8Array([0]) })),
      ),
  );
  return { userId, vaultIds };
}

/** Fresh statistics, as autovacuum would have after a bulk load: plans as on a settled install. */
export async function analyze(db: Database): Promise<void> {
  await db.orm.execute(sql`ANALYZE`);
}

/**
 * A PrismaClient type for the behaviour suite's type-check.
 *
 * `prisma generate` downloads its query engine from the network and fails in
 * an offline CI, so the generated client cannot be built here. This module
 * declares the parts of a generated client the locking codemods touch, with
 * the shapes Prisma generates for a schema with these models:
 *
 *   model Event { id String @id; capacity Int; sold Int @default(0) }
 *   model Post  { id String @id; slug String @unique; views Int @default(0) }
 *   model Vote  { userId String; pollId String; choice String; @@unique([userId, pollId]) }
 *   model Wallet { id String @id; balance Int }
 *   model Order { id String @id; userId String }
 *   model OrderLine { id String @id; orderId String; eventId String; quantity Int }
 *
 * Field updates accept a value or the atomic operations object
 * (`IntFieldUpdateOperationsInput`), `upsert` needs a unique `where`, and
 * `$transaction` takes an interactive callback with a transaction client and
 * options with `isolationLevel`, as in @prisma/client 5.x / 6.x. `updateMany` takes a
 * `WhereInput` (field filters such as `{ gte: n }`) and resolves to a `BatchPayload`.
 */
declare module '@prisma/client' {
  export namespace Prisma {
    type TransactionIsolationLevel = 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
    type TransactionClient = Omit<PrismaClient, '$transaction' | '$connect' | '$disconnect'>;
    interface IntFieldUpdateOperationsInput {
      set?: number;
      increment?: number;
      decrement?: number;
      multiply?: number;
      divide?: number;
    }
    interface IntFilter {
      equals?: number;
      lt?: number;
      lte?: number;
      gt?: number;
      gte?: number;
    }
    type BatchPayload = { count: number };
  }

  type Event = { id: string; capacity: number; sold: number };
  type Post = { id: string; slug: string; views: number };
  type Vote = { userId: string; pollId: string; choice: string };
  type Wallet = { id: string; balance: number };

  type EventWhereUniqueInput = { id: string };
  type PostWhereUniqueInput = { id: string } | { slug: string };
  type VoteWhereUniqueInput = { userId_pollId: { userId: string; pollId: string } };

  interface EventDelegate {
    findUnique(args: { where: EventWhereUniqueInput }): Promise<Event | null>;
    findUniqueOrThrow(args: { where: EventWhereUniqueInput }): Promise<Event>;
    update(args: { where: EventWhereUniqueInput; data: { capacity?: number | Prisma.IntFieldUpdateOperationsInput; sold?: number | Prisma.IntFieldUpdateOperationsInput } }): Promise<Event>;
  }
  interface PostDelegate {
    findUnique(args: { where: PostWhereUniqueInput }): Promise<Post | null>;
    update(args: { where: PostWhereUniqueInput; data: { slug?: string; views?: number | Prisma.IntFieldUpdateOperationsInput } }): Promise<Post>;
  }
  interface VoteDelegate {
    findUnique(args: { where: VoteWhereUniqueInput }): Promise<Vote | null>;
    create(args: { data: Vote }): Promise<Vote>;
    upsert(args: { where: VoteWhereUniqueInput; create: Vote; update: Partial<Vote> }): Promise<Vote>;
  }

  type WalletWhereInput = { id?: string; balance?: number | Prisma.IntFilter };
  type WalletUpdateInput = { balance?: number | Prisma.IntFieldUpdateOperationsInput };
  interface WalletDelegate {
    findUniqueOrThrow(args: { where: { id: string } }): Promise<Wallet>;
    update(args: { where: { id: string }; data: WalletUpdateInput }): Promise<Wallet>;
    updateMany(args: { where: WalletWhereInput; data: WalletUpdateInput }): Promise<Prisma.BatchPayload>;
  }

  type Order = { id: string; userId: string };
  type OrderLine = { id: string; orderId: string; eventId: string; quantity: number };
  interface OrderDelegate {
    create(args: { data: { userId: string } }): Promise<Order>;
  }
  interface OrderLineDelegate {
    create(args: { data: { orderId: string; eventId: string; quantity: number } }): Promise<OrderLine>;
  }

  export class PrismaClient {
    constructor(options?: { datasources?: unknown; log?: unknown[] });
    event: EventDelegate;
    post: PostDelegate;
    vote: VoteDelegate;
    wallet: WalletDelegate;
    order: OrderDelegate;
    orderLine: OrderLineDelegate;
    $connect(): Promise<void>;
    $disconnect(): Promise<void>;
    $transaction<R>(
      fn: (tx: Prisma.TransactionClient) => Promise<R>,
      options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
    ): Promise<R>;
    $transaction<P extends Promise<unknown>[]>(arg: [...P], options?: { isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<unknown[]>;
  }
}

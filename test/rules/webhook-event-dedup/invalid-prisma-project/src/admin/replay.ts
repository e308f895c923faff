import { prisma } from "../lib/prisma";

export async function wasProcessed(eventId: string): Promise<boolean> {
  const row = await prisma.processedEvent.findUnique({ where: { eventId } });
  return row !== null;
}
